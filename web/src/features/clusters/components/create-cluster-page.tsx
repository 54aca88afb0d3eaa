import { Alert, Button, Card, Collapse, Flex, Form, Input, InputNumber, Steps, Typography } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';
import { useNavigate } from 'react-router';
import {
  checkAvailabilityZone,
  checkClusterName,
  checkEnterpriseProjectId,
  checkNumberOfCn,
  checkNumberOfNode,
  checkPassword,
  checkPort,
  checkSecurityGroupId,
  checkSubnetId,
  checkUserName,
  checkVpcId,
  cnCountLimits,
  createClusterInfoSchema,
  defaultNumberOfCn,
  nodeCountLimits,
  portLimits,
  type CreateClusterInfo,
} from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { ApiRequestPreview } from '../../../components/api-request-preview.tsx';
import { ReviewTable, type ReviewTableProps } from '../../../components/review-table.tsx';
import { PasswordChecklist } from '../../../components/password-checklist.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import {
  PublicIpFields,
  publicIpText,
  toPublicIp,
  type PublicIpValues,
} from '../../../components/public-ip-fields.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { optional, ruleValidator } from '../../../lib/rule-validator.ts';
import { createClusterRequest, useCreateClusterMutation } from '../api/create-cluster.ts';
import { useClustersQuery } from '../api/get-clusters.ts';
import { useClustersT } from '../messages.ts';

/** The props antd's Form.Item gives the control that picks the node type. */
export interface NodeTypeFieldProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** The props of the control that picks the availability zone, given the chosen node type. */
export interface ZoneFieldProps {
  id?: string;
  value?: string;
  onChange?: (zone: string | undefined) => void;
  nodeType?: string;
}

export interface CreateClusterPageProps {
  /** Lists the node types from the node-types feature; the wizard only needs the chosen spec name. */
  nodeTypeField: ComponentType<NodeTypeFieldProps>;
  /** Lists the zones the node-types call names (features do not import each other). */
  zoneField: ComponentType<ZoneFieldProps>;
}

export interface CreateClusterFormValues extends PublicIpValues {
  node_type?: string;
  availability_zone?: string;
  number_of_node: number;
  number_of_cn: number;
  name: string;
  port: number;
  user_name: string;
  user_pwd: string;
  confirm_pwd: string;
  vpc_id: string;
  subnet_id: string;
  security_group_id: string;
  enterprise_project_id?: string;
}

/** The seed's example network: the emulator, like a fresh project, accepts any well-formed ids. */
const defaultNetwork = {
  vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
  subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
  security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
};

const stepFields: (keyof CreateClusterFormValues)[][] = [
  ['node_type', 'availability_zone'],
  ['number_of_node', 'number_of_cn'],
  [
    'name',
    'port',
    'user_name',
    'user_pwd',
    'confirm_pwd',
    'public_bind_type',
    'eip_id',
    'vpc_id',
    'subnet_id',
    'security_group_id',
    'enterprise_project_id',
  ],
  [],
];

/** The form's values as table 5-3 wants them: no confirmation, and an empty optional field left out. */
export function toCreateClusterInfo(values: CreateClusterFormValues): CreateClusterInfo {
  return createClusterInfoSchema.parse({
    name: values.name,
    node_type: values.node_type,
    number_of_node: values.number_of_node,
    number_of_cn: values.number_of_cn,
    availability_zone: values.availability_zone || undefined,
    port: values.port,
    user_name: values.user_name,
    user_pwd: values.user_pwd,
    vpc_id: values.vpc_id,
    subnet_id: values.subnet_id,
    security_group_id: values.security_group_id,
    public_ip: toPublicIp(values),
    enterprise_project_id: values.enterprise_project_id || undefined,
  });
}

/** What the request will ask for, in the order of the steps; a field left to the service shows '-'. */
function ClusterReview({ cluster }: { cluster: CreateClusterInfo }) {
  const t = useClustersT();
  const { t: tCommon } = useI18n();
  const rows: ReviewTableProps['rows'] = [
    [t('wizard.step.nodeType'), cluster.node_type],
    [t('field.zone'), cluster.availability_zone],
    [t('wizard.nodes'), cluster.number_of_node],
    [t('wizard.cns'), cluster.number_of_cn],
    [t('wizard.name'), cluster.name],
    [t('wizard.port'), cluster.port],
    [t('wizard.userName'), cluster.user_name],
    [tCommon('publicIp.label'), publicIpText(cluster.public_ip, tCommon)],
    [t('field.vpc'), cluster.vpc_id],
    [t('field.subnet'), cluster.subnet_id],
    [t('field.securityGroup'), cluster.security_group_id],
    [t('field.enterpriseProject'), cluster.enterprise_project_id],
  ];
  return <ReviewTable rows={rows} leftOutText="-" />;
}

/** Four steps, one form: every field stays mounted so going back never loses what was typed. */
export function CreateClusterPage({
  nodeTypeField: NodeTypeField,
  zoneField: ZoneField,
}: CreateClusterPageProps) {
  const t = useClustersT();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateClusterFormValues>();
  const [step, setStep] = useState(0);
  const create = useCreateClusterMutation();
  const password = Form.useWatch('user_pwd', form) ?? '';
  const userName = Form.useWatch('user_name', form);
  const nodeType = Form.useWatch('node_type', form);
  const clusters = useClustersQuery();
  const isNameTaken = (name: unknown) => clusters.data?.clusters.some((c) => c.name === name) ?? false;
  // Each step opens at its top (the review would otherwise open where the long settings step was scrolled to).
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step]);

  const next = async () => {
    await form.validateFields(stepFields[step]);
    setStep((s) => s + 1);
  };

  const values = form.getFieldsValue(true) as CreateClusterFormValues;
  // Only the review step builds the request: by then every step has passed the shared rules.
  const cluster = step === 3 ? toCreateClusterInfo(values) : undefined;

  const submit = () => {
    if (cluster) create.mutate(cluster, { onSuccess: (id) => void navigate(`/clusters/${id}`) });
  };

  return (
    <Card title={t('wizard.title')}>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('wizard.step.nodeType') },
          { title: t('wizard.step.size') },
          { title: t('wizard.step.settings') },
          { title: t('wizard.step.review') },
        ]}
      />
      <Form<CreateClusterFormValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          number_of_node: 3,
          number_of_cn: defaultNumberOfCn(3),
          port: portLimits.default,
          user_name: 'dbadmin',
          public_bind_type: 'not_use',
          ...defaultNetwork,
        }}
      >
        <div hidden={step !== 0}>
          <Form.Item
            name="node_type"
            label={t('wizard.step.nodeType')}
            rules={[{ required: true, message: t('wizard.nodeTypeRequired') }]}
          >
            <NodeTypeField />
          </Form.Item>
          <Form.Item
            name="availability_zone"
            label={t('field.zone')}
            rules={[ruleValidator(optional(checkAvailabilityZone), locale)]}
          >
            <ZoneField nodeType={nodeType} />
          </Form.Item>
        </div>
        <div hidden={step !== 1}>
          <Form.Item
            name="number_of_node"
            label={t('wizard.nodes')}
            extra={t('wizard.range', nodeCountLimits)}
            rules={[ruleValidator(checkNumberOfNode, locale)]}
          >
            {/* No min, max or precision: antd would quietly change what was typed; the rule says what is wrong. */}
            <InputNumber />
          </Form.Item>
          <Form.Item
            name="number_of_cn"
            label={t('wizard.cns')}
            extra={t('wizard.cnsRange', cnCountLimits)}
            dependencies={['number_of_node']}
            rules={[
              ({ getFieldValue }) =>
                ruleValidator((v) => checkNumberOfCn(v, getFieldValue('number_of_node')), locale),
            ]}
          >
            <InputNumber />
          </Form.Item>
        </div>
        <div hidden={step !== 2}>
          <Form.Item
            name="name"
            label={t('wizard.name')}
            rules={[
              ruleValidator(checkClusterName, locale),
              {
                validator: (_rule, name) =>
                  isNameTaken(name)
                    ? Promise.reject(new Error(t('wizard.nameTaken', { name: String(name) })))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="port"
            label={t('wizard.port')}
            extra={t('wizard.range', portLimits)}
            rules={[ruleValidator(checkPort, locale)]}
          >
            <InputNumber />
          </Form.Item>
          <Form.Item
            name="user_name"
            label={t('wizard.userName')}
            rules={[ruleValidator(checkUserName, locale)]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="user_pwd"
            label={t('wizard.password')}
            dependencies={['user_name']}
            rules={[
              ({ getFieldValue }) =>
                ruleValidator(
                  (v) => checkPassword(v, getFieldValue('user_name') as string | undefined),
                  locale,
                ),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <PasswordChecklist password={password} userName={userName} />
          <Form.Item
            name="confirm_pwd"
            label={t('wizard.confirmPassword')}
            dependencies={['user_pwd']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  value === getFieldValue('user_pwd')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('reset.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <PublicIpFields />
          <Collapse
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'network',
                label: t('wizard.network'),
                forceRender: true,
                children: (
                  <>
                    <Typography.Paragraph type="secondary">{t('wizard.networkHint')}</Typography.Paragraph>
                    <Form.Item
                      name="vpc_id"
                      label={t('field.vpc')}
                      rules={[ruleValidator(checkVpcId, locale)]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name="subnet_id"
                      label={t('field.subnet')}
                      rules={[ruleValidator(checkSubnetId, locale)]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name="security_group_id"
                      label={t('field.securityGroup')}
                      rules={[ruleValidator(checkSecurityGroupId, locale)]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name="enterprise_project_id"
                      label={t('field.enterpriseProject')}
                      extra={t('wizard.enterpriseProjectHint')}
                      rules={[ruleValidator(optional(checkEnterpriseProjectId), locale)]}
                    >
                      <Input placeholder="0" />
                    </Form.Item>
                  </>
                ),
              },
            ]}
          />
        </div>
        {cluster && (
          <>
            <ClusterReview cluster={cluster} />
            <ApiRequestPreview request={createClusterRequest(cluster)} />
          </>
        )}
        {create.error && <ApiErrorAlert error={create.error} style={{ marginBottom: 16 }} />}
        {create.isSuccess && (
          <Alert type="success" title={t('wizard.created', { name: values.name ?? '' })} />
        )}
        <Flex gap={8}>
          <Button onClick={() => void navigate('/clusters')}>{t('wizard.cancel')}</Button>
          {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{t('wizard.previous')}</Button>}
          {/* Not a submit button: submitting would validate the later steps' fields too. */}
          <PermissionButton
            action="cluster.create"
            type="primary"
            loading={create.isPending}
            onClick={() => (step === 3 ? submit() : void next().catch(() => undefined))}
          >
            {step === 3 ? t('wizard.submit') : t('wizard.next')}
          </PermissionButton>
        </Flex>
      </Form>
    </Card>
  );
}
