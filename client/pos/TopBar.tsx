import type { ReactNode } from 'react';
import { LanguageToggle } from './LanguageToggle';
import { useSession } from './session/session-context';
import { useDevice } from './session/device-context';

/** The green bar on every screen: branch, tablet, cashier; a screen may add its own controls. */
export function TopBar({ children }: { children?: ReactNode }) {
  const { pairing } = useDevice();
  const { author } = useSession();
  return (
    <header className="topbar">
      <div className="brand">
        <strong>EcoMarket</strong>
        <span>
          {pairing.branch.name} · {pairing.deviceNumber} · {author.cashierName}
        </span>
      </div>
      <div className="row">
        {children}
        <LanguageToggle />
      </div>
    </header>
  );
}
