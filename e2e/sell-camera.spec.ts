import { expect, test } from './fixtures';
import { BARCODE } from './sell-setup';

/**
 * Chromium on Linux has no BarcodeDetector and this machine no camera, so the page gets both as
 * stand-ins before it loads: a camera that films a canvas, and a detector that reads the code the
 * test holds up once the video is playing. What is tested is the POS's own flow around them.
 */
async function installCameraStandIns(page: import('@playwright/test').Page, camera: 'works' | 'denied') {
  await page.addInitScript((mode) => {
    const w = window as unknown as { heldUpCode: string | null; cameraTracksStopped: number; BarcodeDetector: unknown };
    w.heldUpCode = null;
    w.cameraTracksStopped = 0;
    w.BarcodeDetector = class {
      async detect(video: HTMLVideoElement) {
        return video.readyState >= 2 && !video.paused && w.heldUpCode ? [{ rawValue: w.heldUpCode }] : [];
      }
    };
    if (!navigator.mediaDevices) Object.defineProperty(navigator, 'mediaDevices', { value: {} });
    navigator.mediaDevices.getUserMedia = async () => {
      if (mode === 'denied') throw new DOMException('Permission denied', 'NotAllowedError');
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const ctx = canvas.getContext('2d')!;
      const paint = () => {
        ctx.fillStyle = `hsl(${Date.now() % 360} 50% 50%)`;
        ctx.fillRect(0, 0, 320, 240);
      };
      paint();
      setInterval(paint, 50);
      const stream = canvas.captureStream(20);
      for (const track of stream.getTracks()) {
        const stop = track.stop.bind(track);
        track.stop = () => {
          w.cameraTracksStopped++;
          stop();
        };
      }
      return stream;
    };
  }, camera);
}

test('camera scanning where the browser has BarcodeDetector: the code held up adds its product, and the camera is let go', async ({
  pos,
  page,
  serverDb,
}) => {
  await installCameraStandIns(page, 'works');
  await pos.openPaired(serverDb, 'Caja cámara');

  await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apunte la cámara al código de barras' });
  await expect(dialog).toBeVisible();
  // Nothing in view yet: the dialog stays open and nothing is added.
  await page.waitForTimeout(500);
  await expect(dialog).toBeVisible();
  await page.evaluate((code) => ((window as unknown as { heldUpCode: string }).heldUpCode = code), BARCODE.pan);
  await expect(dialog).toBeHidden();
  await expect(pos.cartTotal()).toHaveText('USD 1.80');
  await expect(page.getByText('Pan Integral').first()).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { cameraTracksStopped: number }).cameraTracksStopped),
  ).toBeGreaterThan(0);

  // An unknown code read by the camera says so, like the wedge scanner.
  await page.evaluate(() => ((window as unknown as { heldUpCode: string }).heldUpCode = '7509999999999'));
  await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
  await expect(page.getByRole('alert')).toContainText('El código 7509999999999 no corresponde a ningún producto');
  await expect(pos.cartTotal()).toHaveText('USD 1.80');

  // Closing the camera by hand adds nothing.
  await page.evaluate(() => ((window as unknown as { heldUpCode: string | null }).heldUpCode = null));
  await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
  await expect(dialog).toBeVisible();
  await page.getByRole('button', { name: 'Cerrar cámara' }).click();
  await expect(dialog).toBeHidden();
  await expect(pos.cartTotal()).toHaveText('USD 1.80');
});

test('a camera the tablet refuses says what happened and what to use instead', async ({ pos, page, serverDb }) => {
  await installCameraStandIns(page, 'denied');
  await pos.openPaired(serverDb, 'Caja cámara denegada');
  await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'No se pudo abrir la cámara: Permission denied. Use el lector o escriba el código.',
  );
});

test('without BarcodeDetector there is no camera button at all', async ({ pos, page, serverDb }) => {
  await pos.openPaired(serverDb, 'Caja sin cámara');
  await expect(pos.search()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Escanear con la cámara' })).toHaveCount(0);
});
