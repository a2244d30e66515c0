import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { sellMessages } from './sell-messages';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  return ctor && typeof navigator.mediaDevices?.getUserMedia === 'function' ? ctor : null;
}

/** Camera scanning where the browser has BarcodeDetector; nothing at all where it does not. */
export function CameraScanButton({ onScan }: { onScan: (code: string) => void }) {
  const t = useT(sellMessages);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const Detector = detectorClass();

  useEffect(() => {
    if (!open || !Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'qr_code'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        if (found[0]?.rawValue) {
          onScan(found[0].rawValue);
          setOpen(false);
          return;
        }
      } catch {
        // A frame that is not ready yet; try the next one.
      }
      timer = setTimeout(() => void tick(), 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch((err: unknown) =>
        setError(t('cameraFailed', { message: err instanceof Error ? err.message : String(err) })),
      );
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (!Detector) return null;
  return (
    <>
      <button
        type="button"
        className="camera-button"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        aria-label={t('scanCamera')}
      >
        📷
      </button>
      {open && (
        <div className="camera" role="dialog" aria-label={t('cameraTitle')}>
          <p>{t('cameraTitle')}</p>
          <video ref={video} muted playsInline aria-label={t('cameraTitle')} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="button" onClick={() => setOpen(false)}>
            {t('cameraClose')}
          </button>
        </div>
      )}
    </>
  );
}
