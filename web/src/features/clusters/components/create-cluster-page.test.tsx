// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import {
  CreateClusterPage,
  toCreateClusterInfo,
  type NodeTypeFieldProps,
  type ZoneFieldProps,
} from './create-cluster-page.tsx';

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockResolvedValue(Response.json({ cluster: { id: '7d85f602-a948-4a30-afd4-e84f47471c15' } }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The wizard's slot for the node-type list: a plain select keeps this test about the wizard's own rules. */
function NodeTypeSelect({ id, value, onChange }: NodeTypeFieldProps) {
  return (
    <select id={id} aria-label="node type" value={value ?? ''} onChange={(e) => onChange?.(e.target.value)}>
      <option value="">-</option>
      <option value="dws.m3.xlarge">dws.m3.xlarge</option>
    </select>
  );
}

/** The zone slot: it offers a zone only once it knows the node type, as the real one does. */
function ZoneSelect({ id, value, onChange, nodeType }: ZoneFieldProps) {
  return (
    <select id={id} aria-label="zone" value={value ?? ''} onChange={(e) => onChange?.(e.target.value)}>
      <option value="">-</option>
      {nodeType && <option value="ae-ad-1">ae-ad-1</option>}
    </select>
  );
}

const fill = (label: string, value: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};

// getByRole walks the accessibility tree of the whole antd form on every call: far too slow in jsdom.
const click = async (text: string) => {
  const button = screen.getByText(text).closest('button');
  if (!button) throw new Error(`no button ${text}`);
  fireEvent.click(button);
  await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('CreateClusterPage', () => {
  // antd forms in jsdom are slow on two shared cores; the bound is generous, the test has no timed assertion.
  it(
    'holds each step until its fields pass the shared rules, then sends the request it shows',
    { timeout: 120_000 },
    async () => {
      renderWithProviders(<CreateClusterPage nodeTypeField={NodeTypeSelect} zoneField={ZoneSelect} />);
      const next = () => click('下一步');

      await next();
      expect(await screen.findByText('请选择节点规格')).toBeTruthy();
      // Only this step's field is judged: the later steps have shown nothing yet.
      expect(document.querySelectorAll('.ant-form-item-explain-error')).toHaveLength(1);
      fill('node type', 'dws.m3.xlarge');
      // The zones are those of the chosen node type.
      await screen.findByText('ae-ad-1');
      fill('zone', 'ae-ad-1');
      await next();

      fill('节点数', '2');
      await next();
      // 3 CNs on 2 nodes breaks the CN rule.
      expect(await screen.findByText('必须是 2 到 20 之间的整数，且小于节点数')).toBeTruthy();
      fill('节点数', '4');
      await next();

      fill('集群名称', '1-bad');
      fill('管理员密码', 'dbadmin');
      fireEvent.click(screen.getByText('使用已有弹性 IP'));
      // The EIP is asked for only when binding an existing one.
      await screen.findByLabelText('弹性 IP 的 ID');
      fill('企业项目', 'default');
      await next();
      expect(
        await screen.findByText('长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线'),
      ).toBeTruthy();
      // Once in the live checklist, once as the field's error.
      expect(await screen.findAllByText('长度为 8-32 个字符')).toHaveLength(2);
      expect(await screen.findByText('绑定已有弹性 IP 时必须是弹性 IP 的 UUID')).toBeTruthy();
      expect(await screen.findByText('必须是 0 或 UUID')).toBeTruthy();
      expect(screen.queryByText('立即创建')).toBeNull();

      fill('集群名称', 'dws-demo');
      fill('管理员密码', 'Tide-Pool-42');
      fill('确认密码', 'Tide-Pool-42');
      fill('弹性 IP 的 ID', '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574');
      fill('企业项目', '0');
      await next();
      expect(await screen.findByText('立即创建')).toBeTruthy();
      expect(screen.getByText('dws-demo')).toBeTruthy();
      expect(screen.getByText('使用已有弹性 IP: 85b20d7e-9eb7-4b2a-98f3-3c8843ea3574')).toBeTruthy();

      const shown = screen.getByTestId('api-request').textContent ?? '';
      const [requestLine = '', json = ''] = shown.split('\n\n');
      expect(requestLine).toBe('POST /v1.0/{project_id}/clusters');
      expect(shown).not.toContain('Tide-Pool-42');
      const shownBody = JSON.parse(json) as { cluster: Record<string, unknown> };
      expect(shownBody.cluster).toMatchObject({
        availability_zone: 'ae-ad-1',
        user_pwd: '******',
        public_ip: { public_bind_type: 'bind_existing', eip_id: '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574' },
        enterprise_project_id: '0',
      });

      await click('立即创建');
      // The wizard also reads the project's clusters (for names already used): the request is the one POST.
      const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
      await waitFor(() => expect(posts()).toHaveLength(1));
      const [url, init] = posts()[0] ?? [];
      expect(url).toBe('/api/dws/clusters');
      const sent: unknown = JSON.parse(typeof init?.body === 'string' ? init.body : 'null');
      expect(sent).toEqual({ cluster: { ...shownBody.cluster, user_pwd: 'Tide-Pool-42' } });
    },
  );

  it('builds the request the shared schema accepts, without the confirmation or unused fields', () => {
    const info = toCreateClusterInfo({
      node_type: 'dws.m3.xlarge',
      availability_zone: '',
      number_of_node: 3,
      number_of_cn: 2,
      name: 'dws-demo',
      port: 8000,
      user_name: 'dbadmin',
      user_pwd: 'Tide-Pool-42',
      confirm_pwd: 'Tide-Pool-42',
      public_bind_type: 'auto_assign',
      eip_id: '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574',
      vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
      subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
      security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
      enterprise_project_id: '',
    });
    expect(info).toMatchObject({ name: 'dws-demo', number_of_cn: 2 });
    // The EIP typed before switching to "assign automatically" is not sent.
    expect(info.public_ip).toEqual({ public_bind_type: 'auto_assign' });
    expect(info).not.toHaveProperty('confirm_pwd');
    expect(info.availability_zone).toBeUndefined();
    expect(info.enterprise_project_id).toBeUndefined();
  });
});
