import { Button, Form, Input, InputNumber, Modal, Steps, Typography, type InputRef } from 'antd';
import { useState, type ComponentType, useRef } from 'react';
import {
  checkAvailabilityZone,
  checkClusterName,
  checkEnterpriseProjectId,
  checkPort,
  checkSecurityGroupId,
  checkSubnetId,
  checkVpcId,
  portLimits,
  restoreSnapshotRequestSchema,
  type ClusterInfo,
  type RestoreSnapshotRequest,
  type Snapshot,
} from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { ApiRequestPreview } from '../../../components/api-request-preview.tsx';
import { ReviewTable, type ReviewTableProps } from '../../../components/review-table.tsx';
import {
  PublicIpFields,
  publicIpText,
  toPublicIp,
  type PublicIpValues,
} from '../../../components/public-ip-fields.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { optional, ruleValidator } from '../../../lib/rule-validator.ts';
import { restoreSnapshotRequest, useRestoreSnapshotMutation } from '../api/restore-snapshot.ts';
import { useSnapshotsT } from '../messages.ts';
import { focusWhenOpen } from '../../../lib/focus-when-open.ts';

/** The props of the control that picks the availability zone (from the node-types feature). */
export interface ZoneFieldProps {
  id?: string;
  value?: string;
  onChange?: (zone: string | undefined) => void;
  nodeType?: string;
}

export interface RestoreSnapshotDialogProps {
  snapshot: Snapshot | undefined;
  /** The cluster the snapshot was taken of, whose settings are the defaults; undefined once it is deleted. */
  source: ClusterInfo | undefined;
  zoneField: ComponentType<ZoneFieldProps>;
  onClose: () => void;
  /** Called with the new cluster's id once the service accepted the restore. */
  onRestored: (clusterId: string) => void;
}

export interface RestoreFormValues extends PublicIpValues {
  name: string;
  port?: number | null;
  availability_zone?: string;
  vpc_id?: string;
  subnet_id?: string;
  security_group_id?: string;
  enterprise_project_id?: string;
}

/**
 * Table 5-65 filled in with the source cluster's settings. Its EIP is not copied: an EIP is bound to one
 * cluster at a time, so the new cluster gets another one (or none).
 */
export function restoreDefaults(source: ClusterInfo | undefined): Partial<RestoreFormValues> {
  const bindType = source?.public_ip?.public_bind_type;
  return {
    port: source?.port,
    availability_zone: source?.availability_zone,
    vpc_id: source?.vpc_id,
    subnet_id: source?.subnet_id,
    security_group_id: source?.security_group_id,
    public_bind_type: bindType === 'auto_assign' || bindType === 'bind_existing' ? bindType : 'not_use',
    enterprise_project_id: source?.enterprise_project_id,
  };
}

/**
 * The request body; a field left empty is left out and the service takes the source cluster's value.
 * `enterprise_project_id` sits beside `restore`, where the seed's example puts it.
 */
export function toRestoreRequest(values: RestoreFormValues): RestoreSnapshotRequest {
  return restoreSnapshotRequestSchema.parse({
    restore: {
      name: values.name,
      subnet_id: values.subnet_id || undefined,
      security_group_id: values.security_group_id || undefined,
      vpc_id: values.vpc_id || undefined,
      availability_zone: values.availability_zone || undefined,
      port: values.port ?? undefined,
      public_ip: toPublicIp(values),
    },
    enterprise_project_id: values.enterprise_project_id || undefined,
  });
}

/** Two steps: the settings, then a review of the values and of the request that will be sent. */
export function RestoreSnapshotDialog({
  snapshot,
  source,
  zoneField: ZoneField,
  onClose,
  onRestored,
}: RestoreSnapshotDialogProps) {
  const t = useSnapshotsT();
  const { locale, t: tCommon } = useI18n();
  const restore = useRestoreSnapshotMutation();
  const [body, setBody] = useState<RestoreSnapshotRequest>();
  const nameField = useRef<InputRef>(null);
  const close = () => {
    restore.reset();
    setBody(undefined);
    onClose();
  };
  const submit = () => {
    if (!snapshot || !body) return;
    restore.mutate(
      { id: snapshot.id, body },
      {
        onSuccess: (clusterId) => {
          close();
          onRestored(clusterId);
        },
      },
    );
  };
  const id = snapshot?.id ?? '';

  return (
    <Modal
      open={snapshot !== undefined}
      title={t('restore.title', { name: snapshot?.name ?? '' })}
      width={640}
      onCancel={close}
      afterOpenChange={(open) => focusWhenOpen(nameField, open)}
      destroyOnHidden
      footer={
        <>
          <Button onClick={close}>{tCommon('common.cancel')}</Button>
          {body ? (
            <>
              <Button onClick={() => setBody(undefined)}>{t('restore.previous')}</Button>
              <Button type="primary" loading={restore.isPending} onClick={submit}>
                {t('restore')}
              </Button>
            </>
          ) : (
            <Button type="primary" htmlType="submit" form="restore-snapshot-form">
              {t('restore.next')}
            </Button>
          )}
        </>
      }
    >
      <Steps
        size="small"
        current={body ? 1 : 0}
        style={{ marginBottom: 16 }}
        items={[{ title: t('restore.step.settings') }, { title: t('restore.step.review') }]}
      />
      {/* Hidden, not unmounted, on the review: going back keeps what was typed. */}
      <Form<RestoreFormValues>
        id="restore-snapshot-form"
        layout="vertical"
        hidden={body !== undefined}
        initialValues={restoreDefaults(source)}
        onFinish={(values) => setBody(toRestoreRequest(values))}
      >
        <Typography.Paragraph type="secondary">{t('restore.defaults')}</Typography.Paragraph>
        <Form.Item name="name" label={t('restore.name')} rules={[ruleValidator(checkClusterName, locale)]}>
          <Input ref={nameField} autoComplete="off" />
        </Form.Item>
        <Form.Item name="port" label={t('restore.port')} rules={[ruleValidator(optional(checkPort), locale)]}>
          <InputNumber min={portLimits.min} max={portLimits.max} precision={0} />
        </Form.Item>
        <Form.Item
          name="availability_zone"
          label={t('restore.zone')}
          rules={[ruleValidator(optional(checkAvailabilityZone), locale)]}
        >
          <ZoneField nodeType={source?.node_type} />
        </Form.Item>
        <PublicIpFields />
        <Form.Item
          name="vpc_id"
          label={t('restore.vpc')}
          rules={[ruleValidator(optional(checkVpcId), locale)]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="subnet_id"
          label={t('restore.subnet')}
          rules={[ruleValidator(optional(checkSubnetId), locale)]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="security_group_id"
          label={t('restore.securityGroup')}
          rules={[ruleValidator(optional(checkSecurityGroupId), locale)]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="enterprise_project_id"
          label={t('restore.enterpriseProject')}
          rules={[ruleValidator(optional(checkEnterpriseProjectId), locale)]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
      {body && (
        <>
          <RestoreReview body={body} />
          <ApiRequestPreview request={restoreSnapshotRequest({ id, body })} />
        </>
      )}
      {restore.error && <ApiErrorAlert error={restore.error} />}
    </Modal>
  );
}

/** The new cluster's settings as they will be asked for; a field left out shows that the source's is kept. */
function RestoreReview({ body }: { body: RestoreSnapshotRequest }) {
  const t = useSnapshotsT();
  const { t: tCommon } = useI18n();
  const { restore } = body;
  const rows: ReviewTableProps['rows'] = [
    [t('restore.name'), restore.name],
    [t('restore.port'), restore.port],
    [t('restore.zone'), restore.availability_zone],
    [tCommon('publicIp.label'), publicIpText(restore.public_ip, tCommon)],
    [t('restore.vpc'), restore.vpc_id],
    [t('restore.subnet'), restore.subnet_id],
    [t('restore.securityGroup'), restore.security_group_id],
    [t('restore.enterpriseProject'), body.enterprise_project_id],
  ];
  return <ReviewTable rows={rows} leftOutText={t('restore.asSource')} />;
}
