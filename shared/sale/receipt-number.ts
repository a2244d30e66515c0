/** Receipt number branch-device-sequence, e.g. 001-02-000123: unique per branch and device. */
export function receiptNumber(receiptPrefix: string, deviceNumber: number, deviceSeq: number): string {
  return `${receiptPrefix}-${String(deviceNumber).padStart(2, '0')}-${String(deviceSeq).padStart(6, '0')}`;
}
