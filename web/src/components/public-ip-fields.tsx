import { Form, Input, Radio } from 'antd';
import { checkEipId, type PublicIpRequest } from '@dws-console/shared';
import { useI18n, type Translate } from '../lib/i18n.tsx';
import { ruleValidator } from '../lib/rule-validator.ts';

export type PublicBindType = PublicIpRequest['public_bind_type'];

export interface PublicIpValues {
  public_bind_type: PublicBindType;
  eip_id?: string;
}

const bindTypes: PublicBindType[] = ['not_use', 'auto_assign', 'bind_existing'];

/** The PublicIp object of a request (seed tables 5-4, 5-66): `eip_id` belongs only to `bind_existing`. */
export function toPublicIp({ public_bind_type, eip_id }: PublicIpValues): PublicIpRequest {
  return public_bind_type === 'bind_existing' ? { public_bind_type, eip_id } : { public_bind_type };
}

/** How a review shows a PublicIp: the choice, and the id of the EIP to bind. */
export function publicIpText(publicIp: PublicIpRequest | undefined, t: Translate): string | undefined {
  if (!publicIp) return undefined;
  const choice = t(`publicIp.${publicIp.public_bind_type}`);
  return publicIp.eip_id ? `${choice}: ${publicIp.eip_id}` : choice;
}

/** Form fields for `public_bind_type` and, for an existing EIP, its id; used inside an antd Form. */
export function PublicIpFields() {
  const { t, locale } = useI18n();
  const bindType = Form.useWatch<PublicBindType | undefined>('public_bind_type');
  return (
    <>
      <Form.Item name="public_bind_type" label={t('publicIp.label')}>
        <Radio.Group options={bindTypes.map((value) => ({ value, label: t(`publicIp.${value}`) }))} />
      </Form.Item>
      {bindType === 'bind_existing' && (
        <Form.Item
          name="eip_id"
          label={t('publicIp.eipId')}
          rules={[ruleValidator((value) => checkEipId(value, 'bind_existing'), locale)]}
        >
          <Input autoComplete="off" placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
        </Form.Item>
      )}
    </>
  );
}
