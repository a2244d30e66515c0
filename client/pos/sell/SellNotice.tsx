/** A line for the cashier above the selling screen: what a scan added, or why something was refused. */
export interface SellNoticeText {
  text: string;
  alert: boolean;
}

export function SellNotice({ notice, onDismiss }: { notice: SellNoticeText; onDismiss: () => void }) {
  return (
    <p role={notice.alert ? 'alert' : 'status'} className={notice.alert ? 'error notice' : 'notice ok'}>
      {notice.text}
      <button type="button" className="ghost" aria-label="OK" onClick={onDismiss}>
        ✕
      </button>
    </p>
  );
}
