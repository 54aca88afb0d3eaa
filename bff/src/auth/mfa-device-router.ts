import { Router } from 'express';
import { Secret, TOTP } from 'otpauth';
import {
  bffErrorCodes,
  bindMfaDeviceRequestSchema,
  virtualMfaTotp,
  type NewMfaDevice,
} from '@dws-console/shared';
import { HttpError, parseInput } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Logger } from '../logging/logger.ts';
import type { IamVirtualMfa } from './iam-client.ts';
import { sessionOf, type Sessions } from './sessions.ts';

/**
 * The signed-in user binds a virtual MFA device to themselves, as IAM allows it: create the device, show its
 * secret once (as a QR code), bind it with two consecutive codes. The user is always the session's: the
 * browser never names whose device it is.
 */
export function createMfaDeviceRouter(deps: {
  iamMfa: IamVirtualMfa;
  sessions: Sessions;
  logger: Logger;
}): Router {
  const router = Router();

  router.use((_req, res, next) => {
    res.locals.route = '/api/session/mfa-device';
    next();
  });

  // A person signed in through their organisation's identity provider has no IAM user to bind a device to:
  // their second factor is the provider's business.
  router.use(deps.sessions.require, (_req, res, next) => {
    if (!sessionOf(res).sso) return next();
    next(
      new HttpError(
        403,
        bffErrorCodes.forbidden,
        'Signed in through single sign-on: set up multi-factor authentication at your identity provider.',
      ),
    );
  });

  router.post('/', async (_req, res) => {
    const session = sessionOf(res);
    const device = await deps.iamMfa.createDevice(session.token, session.user.id);
    const uri = new TOTP({
      ...virtualMfaTotp,
      issuer: 'Huawei Cloud',
      label: `${session.user.name}@${session.domain.name}`,
      secret: Secret.fromBase32(device.secret),
    }).toString();
    res.status(201).json({ ...device, uri } satisfies NewMfaDevice);
  });

  router.put('/', jsonBody('8kb'), async (req, res) => {
    const binding = parseInput(bindMfaDeviceRequestSchema, req.body);
    const session = sessionOf(res);
    const refusal = await deps.iamMfa.bindDevice(session.token, { userId: session.user.id, ...binding });
    if (refusal) throw new HttpError(400, bffErrorCodes.validation, refusal);
    deps.logger.info(
      { requestId: res.locals.requestId, user: `${session.domain.name}/${session.user.name}`.toLowerCase() },
      'bound a virtual MFA device',
    );
    res.status(204).end();
  });

  return router;
}
