import type { ReactNode } from 'react';
import type { DevicePairing } from '../sync/device-pairing';
import { LanguageToggle } from './LanguageToggle';

/** The green bar on every screen: branch, tablet, cashier; a screen may add its own controls. */
export function TopBar({
  pairing,
  cashierName,
  children,
}: {
  pairing: DevicePairing;
  cashierName: string;
  children?: ReactNode;
}) {
  return (
    <header className="topbar">
      <div className="brand">
        <strong>EcoMarket</strong>
        <span>
          {pairing.branch.name} · {pairing.deviceNumber} · {cashierName}
        </span>
      </div>
      <div className="row">
        {children}
        <LanguageToggle />
      </div>
    </header>
  );
}
