import type { ReactNode } from 'react';

/** A row's name in bold with a detail under it (a product's SKU, a device's branch and number). */
export function NameWithDetail({ name, detail }: { name: ReactNode; detail: ReactNode }) {
  return (
    <>
      <span className="strong">{name}</span>
      <span className="sub">{detail}</span>
    </>
  );
}
