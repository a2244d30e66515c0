import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { DETAILED_PUSH_ANSWER, PUSH_ANSWER_HEADER, syncPath, type PairResponse } from '../shared/protocol';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

type Table = { es: Record<string, string>; en: Record<string, string> };

/** Literal stretches of every English console message that differs from its Spanish one, long enough to be telling. */
async function englishFragments(): Promise<string[]> {
  const root = path.resolve(import.meta.dirname, '../client/console');
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /messages\.ts$/.test(f));
  const tables: Table[] = [];
  for (const file of files) {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const value of Object.values(mod))
      if (value && typeof value === 'object' && 'es' in value && 'en' in value) tables.push(value as Table);
  }
  return tables.flatMap((table) =>
    Object.entries(table.en)
      .filter(([key, en]) => en !== table.es[key])
      .flatMap(([, en]) => en.replace(/\{\w+, plural,(?:\s*\w+ \{[^{}]*\})+\s*\}/g, '{}').split(/\{\w*\}/))
      .map((f) => f.trim())
      .filter((f) => f.length >= 12 && /[a-z]{4}/i.test(f)),
  );
}

/** English words no Spanish page of the console has (server messages, notes and reasons stored in English). */
const ENGLISH_WORDS =
  /\b(the|and|of|this|was|were|with|please|error|failed|loading|cannot|could not|resupply|received|counted|believed|device|transfer|refused|sale|count)\b/i;

async function expectSpanish(page: Page, fragments: string[], where: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Cargando/)).toHaveCount(0);
  const text = await page.locator('main').innerText();
  expect(
    fragments.filter((f) => text.includes(f)),
    `English on the console's "${where}" page`,
  ).toEqual([]);
  const word = ENGLISH_WORDS.exec(text);
  expect(
    word?.[0] ?? null,
    `English word on "${where}": …${word ? text.slice(Math.max(0, word.index - 60), word.index + 60) : ''}…`,
  ).toBeNull();
}

test('every page of the console in Spanish has no English, also in what the server stored (notes, reasons, refusals)', async ({
  page,
  serverDb,
}) => {
  const fragments = await englishFragments();
  expect(fragments.length).toBeGreaterThan(200);
  const admin = await createAccount(serverDb, 'admin', 'Elena Español');
  const quinoa = await serverDb.db
    .selectFrom('products')
    .select('id')
    .where('sku', '=', 'ECO-0005')
    .executeTakeFirstOrThrow();

  // A tablet counts Quinoa, then sends the same count again with another figure: the server refuses it.
  const paired = (await (
    await page.request.post('/api/devices/pair', {
      data: { code: await serverDb.pairingCode(), deviceName: 'Caja idioma' },
    })
  ).json()) as PairResponse;
  const count = {
    id: uuidv7(),
    branchId: paired.branch.id,
    deviceId: paired.deviceId,
    productId: quinoa.id,
    countedQuantity: 3,
    believedQuantity: 2,
    believedLevelSeq: 0,
    cashierId: null,
    note: '',
    countedAt: new Date().toISOString(),
    _deleted: false,
  };
  for (const doc of [count, { ...count, countedQuantity: 4 }]) {
    const pushed = await page.request.post(syncPath('counts', 'push'), {
      headers: { authorization: `Bearer ${paired.token}`, [PUSH_ANSWER_HEADER]: DETAILED_PUSH_ANSWER },
      data: [{ newDocumentState: doc }],
    });
    expect(pushed.status()).toBe(200);
  }

  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/catalogue', admin);
  await expect(page.getByRole('heading', { name: 'Catálogo', level: 1 })).toBeVisible();

  // Quinoa below its minimum at the branch: the low-stock view sends a resupply with no note typed.
  await serverDb.db
    .insertInto('product_stock_rules')
    .values({ product_id: quinoa.id, reorder_min: 900, reorder_max: 1000, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('product_id').doUpdateSet({ reorder_min: 900, reorder_max: 1000 }))
    .execute();
  await consolePage.open('/stock');
  const low = page.getByRole('group', { name: 'Existencias bajas' });
  await low.getByLabel('Cantidad de Quinoa a enviar').fill('2');
  await low.getByRole('button', { name: 'Crear traspaso desde el almacén central' }).click();
  await expect(low.getByRole('status')).toContainText('Traspaso enviado');

  for (const [where, path] of [
    ['inicio', '/home'],
    ['ventas', '/sales'],
    ['turnos', '/shifts'],
    ['tabletas', '/fleet'],
    ['catálogo', '/catalogue'],
    ['existencias', '/stock'],
    ['traspasos', '/transfers'],
    ['conteos', '/counts'],
    ['conciliación', '/reconciliation'],
    ['sucursales', '/branches'],
    ['personas', '/people'],
  ] as const) {
    await consolePage.open(path);
    await expectSpanish(page, fragments, where);
  }

  await consolePage.open('/stock');
  await page
    .getByRole('region', { name: 'Existencias por ubicación' })
    .getByRole('link', { name: /^Movimientos de Quinoa en Sucursal 001/ })
    .click();
  await expectSpanish(page, fragments, 'movimientos de Quinoa en la sucursal');
  await consolePage.open('/stock');
  await page
    .getByRole('region', { name: 'Existencias por ubicación' })
    .getByRole('link', { name: /^Movimientos de Quinoa en Almacén central/ })
    .click();
  await expectSpanish(page, fragments, 'movimientos de Quinoa en el almacén central');

  await consolePage.open('/reconciliation');
  await page.getByLabel('Tipo', { exact: true }).selectOption({ label: 'Documento rechazado' });
  const refused = page.getByRole('row').filter({ hasText: 'Caja idioma' });
  await expect(refused).toContainText('un conteo');
  await refused.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Historial' })).toBeVisible();
  await expectSpanish(page, fragments, 'documento rechazado');
  await consolePage.screenshot('refused-document');
});
