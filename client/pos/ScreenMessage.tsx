/** An outcome told at the top of a screen; `alert` when something went wrong. */
export interface ScreenMessageText {
  text: string;
  alert: boolean;
}

/** Shows an outcome at the top of a screen: read out at once when it is a problem, politely otherwise. */
export function ScreenMessage({ message }: { message: ScreenMessageText }) {
  return (
    <p role={message.alert ? 'alert' : 'status'} className={message.alert ? 'error' : 'notice ok'}>
      {message.text}
    </p>
  );
}
