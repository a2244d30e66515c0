/** Who a device token belongs to: the server's word, never the device's (DESIGN invariant 8). */
export interface DeviceIdentity {
  deviceId: string;
  deviceNumber: number;
  branchId: string;
  locationId: string;
  receiptPrefix: string;
}
