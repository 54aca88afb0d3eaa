// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { CreateClusterPage, toCreateClusterInfo, type NodeTypeFieldProps } from './create-cluster-page.tsx';

afterEach(cleanup);

/** The wizard's slot for the node-type list: a plain select keeps this test about the wizard's own rules. */
function NodeTypeSelect({ id, value, onChange }: NodeTypeFieldProps) {
  return (
    <select id={id} aria-label="node type" value={value ?? ''} onChange={(e) => onChange?.(e.target.value)}>
      <option value="">-</option>
      <option value="dws.m3.xlarge">dws.m3.xlarge</option>
    </select>
  );
}

describe('CreateClusterPage', () => {
  // antd forms in jsdom are slow on two shared cores; the bound is generous, the test has no timed assertion.
  it('holds each step until its fields pass the shared rules', { timeout: 90_000 }, async () => {
    const fill = (label: string, value: string) => {
      const input = screen.getByLabelText(label);
      fireEvent.change(input, { target: { value } });
      fireEvent.blur(input);
    };
    renderWithProviders(<CreateClusterPage nodeTypeField={NodeTypeSelect} />);
    // getByRole walks the accessibility tree of the whole antd form on every call: far too slow in jsdom.
    const next = async () => {
      const button = screen.getByText('下一步').closest('button');
      if (!button) throw new Error('no Next button');
      fireEvent.click(button);
      await new Promise((resolve) => setTimeout(resolve, 0));
    };

    await next();
    expect(await screen.findByText('请选择节点规格')).toBeTruthy();
    // Only this step's field is judged: the later steps have shown nothing yet.
    expect(document.querySelectorAll('.ant-form-item-explain-error')).toHaveLength(1);
    fill('node type', 'dws.m3.xlarge');
    await next();

    fill('节点数', '2');
    await next();
    // 3 CNs on 2 nodes breaks the CN rule.
    expect(await screen.findByText('必须是 2 到 20 之间的整数，且小于节点数')).toBeTruthy();
    fill('节点数', '4');
    await next();

    fill('集群名称', '1-bad');
    fill('管理员密码', 'dbadmin');
    await next();
    expect(
      await screen.findByText('长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线'),
    ).toBeTruthy();
    // Once in the live checklist, once as the field's error.
    expect(await screen.findAllByText('长度为 8-32 个字符')).toHaveLength(2);
    expect(screen.queryByText('立即创建')).toBeNull();

    fill('集群名称', 'dws-demo');
    fill('管理员密码', 'Tide-Pool-42');
    fill('确认密码', 'Tide-Pool-42');
    await next();
    expect(await screen.findByText('立即创建')).toBeTruthy();
    expect(screen.getByText('dws-demo')).toBeTruthy();
  });

  it('builds the request the shared schema accepts, without the confirmation', () => {
    const info = toCreateClusterInfo({
      node_type: 'dws.m3.xlarge',
      number_of_node: 3,
      number_of_cn: 2,
      name: 'dws-demo',
      port: 8000,
      user_name: 'dbadmin',
      user_pwd: 'Tide-Pool-42',
      confirm_pwd: 'Tide-Pool-42',
      public_bind_type: 'not_use',
      vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
      subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
      security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
    });
    expect(info).toMatchObject({
      name: 'dws-demo',
      number_of_cn: 2,
      public_ip: { public_bind_type: 'not_use' },
    });
    expect(info).not.toHaveProperty('confirm_pwd');
  });
});
