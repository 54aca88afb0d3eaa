import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Steps,
  Typography,
} from 'antd';
import { useState, type ComponentType } from 'react';
import { useNavigate } from 'react-router';
import {
  checkClusterName,
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
import { PasswordChecklist } from '../../../components/password-checklist.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { ruleValidator } from '../../../lib/rule-validator.ts';
import { useCreateClusterMutation } from '../api/create-cluster.ts';
import { useClustersT } from '../messages.ts';

/** The props antd's Form.Item gives the control that picks the node type. */
export interface NodeTypeFieldProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

export interface CreateClusterPageProps {
  /** Lists the node types from the node-types feature; the wizard only needs the chosen spec name. */
  nodeTypeField: ComponentType<NodeTypeFieldProps>;
}

export interface CreateClusterFormValues {
  node_type?: string;
  number_of_node: number;
  number_of_cn: number;
  name: string;
  port: number;
  user_name: string;
  user_pwd: string;
  confirm_pwd: string;
  public_bind_type: 'not_use' | 'auto_assign';
  vpc_id: string;
  subnet_id: string;
  security_group_id: string;
}

/** The seed's example network: the emulator, like a fresh project, accepts any well-formed ids. */
const defaultNetwork = {
  vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
  subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
  security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
};

const stepFields: (keyof CreateClusterFormValues)[][] = [
  ['node_type'],
  ['number_of_node', 'number_of_cn'],
  [
    'name',
    'port',
    'user_name',
    'user_pwd',
    'confirm_pwd',
    'public_bind_type',
    'vpc_id',
    'subnet_id',
    'security_group_id',
  ],
  [],
];

export function toCreateClusterInfo(values: CreateClusterFormValues): CreateClusterInfo {
  return createClusterInfoSchema.parse({
    name: values.name,
    node_type: values.node_type,
    number_of_node: values.number_of_node,
    number_of_cn: values.number_of_cn,
    port: values.port,
    user_name: values.user_name,
    user_pwd: values.user_pwd,
    vpc_id: values.vpc_id,
    subnet_id: values.subnet_id,
    security_group_id: values.security_group_id,
    public_ip: { public_bind_type: values.public_bind_type },
  });
}

/** Four steps, one form: every field stays mounted so going back never loses what was typed. */
export function CreateClusterPage({ nodeTypeField: NodeTypeField }: CreateClusterPageProps) {
  const t = useClustersT();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateClusterFormValues>();
  const [step, setStep] = useState(0);
  const create = useCreateClusterMutation();
  const password = Form.useWatch('user_pwd', form) ?? '';
  const userName = Form.useWatch('user_name', form);

  const next = async () => {
    await form.validateFields(stepFields[step]);
    setStep((s) => s + 1);
  };

  const submit = () => {
    const values = form.getFieldsValue(true) as CreateClusterFormValues;
    const cluster = toCreateClusterInfo(values);
    create.mutate(cluster, { onSuccess: (id) => void navigate(`/clusters/${id}`) });
  };

  const values = form.getFieldsValue(true) as Partial<CreateClusterFormValues>;

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
        </div>
        <div hidden={step !== 1}>
          <Form.Item
            name="number_of_node"
            label={t('wizard.nodes')}
            rules={[ruleValidator(checkNumberOfNode, locale)]}
          >
            <InputNumber min={nodeCountLimits.min} max={nodeCountLimits.max} precision={0} />
          </Form.Item>
          <Form.Item
            name="number_of_cn"
            label={t('wizard.cns')}
            dependencies={['number_of_node']}
            rules={[
              ({ getFieldValue }) =>
                ruleValidator((v) => checkNumberOfCn(v, getFieldValue('number_of_node')), locale),
            ]}
          >
            <InputNumber min={cnCountLimits.min} max={cnCountLimits.max} precision={0} />
          </Form.Item>
        </div>
        <div hidden={step !== 2}>
          <Form.Item name="name" label={t('wizard.name')} rules={[ruleValidator(checkClusterName, locale)]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="port" label={t('wizard.port')} rules={[ruleValidator(checkPort, locale)]}>
            <InputNumber min={portLimits.min} max={portLimits.max} precision={0} />
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
          <Form.Item name="public_bind_type" label={t('wizard.publicIp')}>
            <Radio.Group
              options={[
                { value: 'not_use', label: t('wizard.publicIp.not_use') },
                { value: 'auto_assign', label: t('wizard.publicIp.auto_assign') },
              ]}
            />
          </Form.Item>
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
                  </>
                ),
              },
            ]}
          />
        </div>
        {step === 3 && (
          <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('wizard.step.nodeType')}>{values.node_type}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.nodes')}>{values.number_of_node}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.cns')}>{values.number_of_cn}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.name')}>{values.name}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.port')}>{values.port}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.userName')}>{values.user_name}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.publicIp')}>
              {values.public_bind_type ? t(`wizard.publicIp.${values.public_bind_type}`) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.vpc')}>{values.vpc_id}</Descriptions.Item>
            <Descriptions.Item label={t('field.subnet')}>{values.subnet_id}</Descriptions.Item>
            <Descriptions.Item label={t('field.securityGroup')}>{values.security_group_id}</Descriptions.Item>
          </Descriptions>
        )}
        {create.error && <ApiErrorAlert error={create.error} style={{ marginBottom: 16 }} />}
        {create.isSuccess && (
          <Alert type="success" title={t('wizard.created', { name: values.name ?? '' })} />
        )}
        <Flex gap={8}>
          {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{t('wizard.previous')}</Button>}
          {/* Not a submit button: submitting would validate the later steps' fields too. */}
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => (step === 3 ? submit() : void next().catch(() => undefined))}
          >
            {step === 3 ? t('wizard.submit') : t('wizard.next')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
