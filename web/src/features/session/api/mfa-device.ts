import { useMutation } from '@tanstack/react-query';
import {
  bindMfaDeviceRequestSchema,
  newMfaDeviceSchema,
  type BindMfaDeviceRequest,
  type NewMfaDevice,
} from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';

export async function createMfaDevice(): Promise<NewMfaDevice> {
  return newMfaDeviceSchema.parse(await apiRequest('/api/session/mfa-device', { method: 'POST' }));
}

export async function bindMfaDevice(request: BindMfaDeviceRequest): Promise<void> {
  const body = bindMfaDeviceRequestSchema.parse(request);
  await apiRequest('/api/session/mfa-device', { method: 'PUT', body });
}

/** Nothing cached depends on the device: the session and its rights stay as they are. */
export function useCreateMfaDeviceMutation() {
  return useMutation({ mutationFn: createMfaDevice });
}

export function useBindMfaDeviceMutation() {
  return useMutation({ mutationFn: bindMfaDevice });
}
