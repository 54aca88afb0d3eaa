import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Grid, Space, Table, Tag } from 'antd';
// The field alone: `Input` from 'antd' carries its search, password, text area, OTP and group along (6 KiB gzipped).
import Input from 'antd/es/input/Input';
import type { ColumnsType, ColumnType, TableProps } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ClusterInfo } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { CopyableText, PlainText, PlainTitle } from '../../../components/plain-typography.tsx';
import { StatusBadge, TaskProgress, useTaskLabel } from '../../../components/status-badge.tsx';
import { Surface } from '../../../components/surface.tsx';
import { hasMessage, useI18n } from '../../../lib/i18n.tsx';
import { useClustersQuery } from '../api/get-clusters.ts';
import { listRefetchInterval } from '../api/is-transitional.ts';
import { useClustersT } from '../messages.ts';
import { whenIdle } from '../../../lib/when-idle.ts';
import { ClusterActions, loadClusterActionDialog } from './cluster-actions.tsx';
import './clusters-table.css';
import { useListState, useSearchText, type SortKey } from './use-list-state.ts';

const distinct = (values: (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

const byText = (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '');

const comparators: Record<SortKey, (a: ClusterInfo, b: ClusterInfo) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  status: (a, b) => a.status.localeCompare(b.status),
  nodeType: (a, b) => byText(a.node_type, b.node_type),
  nodes: (a, b) => (a.number_of_node ?? 0) - (b.number_of_node ?? 0),
  created: (a, b) => byText(a.created, b.created),
};

type FilterKey = 'status' | 'task' | 'nodeType';

/** A filter menu that takes the focus when it opens, on its first item. */
function FocusOnOpen({ isOpen, children }: { isOpen: boolean; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!isOpen) return;
    const frame = requestAnimationFrame(() =>
      box.current?.querySelector<HTMLElement>('[role="menuitem"], input, button')?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, [isOpen]);
  return <div ref={box}>{children}</div>;
}

/**
 * antd's filter button in a column's header takes no focus; the header itself does, and Alt+↓ opens its filter
 * menu there, as on a select. The menu takes the focus; Enter picks an item, and Escape or Tab closes the menu,
 * applies the filter and gives the focus back to the header.
 */
function useKeyboardFilters() {
  const [open, setOpen] = useState<FilterKey>();
  const header = useRef<HTMLElement>(null);
  return (key: FilterKey): Pick<ColumnType<ClusterInfo>, 'filterDropdownProps' | 'onHeaderCell'> => ({
    filterDropdownProps: {
      open: open === key,
      popupRender: (menu) => <FocusOnOpen isOpen={open === key}>{menu}</FocusOnOpen>,
      onOpenChange: (isOpen) => {
        setOpen(isOpen ? key : undefined);
        const focused = document.activeElement;
        const wasInMenu =
          focused === document.body ||
          focused?.closest('.ant-table-filter-dropdown') ||
          header.current?.contains(focused);
        if (!isOpen && wasInMenu) header.current?.focus();
      },
    },
    onHeaderCell: () => ({
      tabIndex: 0,
      'aria-keyshortcuts': 'Alt+ArrowDown',
      onKeyDown: (event) => {
        if (!event.altKey || event.key !== 'ArrowDown') return;
        event.preventDefault();
        header.current = event.currentTarget as HTMLElement;
        setOpen(key);
      },
    }),
  });
}

/**
 * Below antd's xxl breakpoint (1600 px) the task column gives way and a running task shows under the status; below
 * xl (1200 px, where the side menu is folded) the creation time does too, which the detail page shows.
 */
const nameMinWidth = 160;

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

export interface ClustersPageProps {
  /** Opens the snapshot dialog of the snapshots feature for a cluster. */
  onSnapshot?: (cluster: ClusterInfo) => void;
}

/**
 * The clusters of the project as the DWS console shows them, with each row's operations. Filters, sorting and
 * paging live in the URL, so a filtered list can be bookmarked, shared and linked to from the overview.
 */
export function ClustersPage({ onSnapshot }: ClustersPageProps) {
  const t = useClustersT();
  const { t: tCommon, format } = useI18n();
  const taskLabel = useTaskLabel();
  const navigate = useNavigate();
  const clusters = useClustersQuery();
  const [state, setState] = useListState();
  const [searchText, typeSearch] = useSearchText(state.q, (q) => setState({ q, page: 1 }, { replace: true }));
  // Typing stays responsive with 10,000 rows: filtering follows the input at a lower priority.
  const search = useDeferredValue(state.q.trim().toLowerCase());

  const all = clusters.data?.clusters;
  const hasList = all !== undefined;
  // Once the list shows, the code of its operations' dialogs loads in the background.
  useEffect(() => (hasList ? whenIdle(() => void loadClusterActionDialog()) : undefined), [hasList]);
  const rows = useMemo(
    () =>
      all?.filter(
        (c) =>
          (!search || c.name.toLowerCase().includes(search) || c.id.includes(search)) &&
          (state.status.length === 0 || state.status.includes(c.status)) &&
          (state.task.length === 0 || state.task.includes(c.task_status ?? '')) &&
          (state.nodeType.length === 0 || state.nodeType.includes(c.node_type ?? '')),
      ),
    [all, search, state.status, state.task, state.nodeType],
  );
  const statusText = (status: string) => {
    const key = `status.${status}`;
    return hasMessage(key) ? tCommon(key) : status;
  };
  const options = useMemo(
    () => ({
      status: distinct(all?.map((c) => c.status) ?? []),
      task: distinct(all?.map((c) => c.task_status) ?? []),
      nodeType: distinct(all?.map((c) => c.node_type) ?? []),
    }),
    [all],
  );
  const isAutoRefreshing = listRefetchInterval(all) !== false;
  const sortOrder = (key: SortKey): SortOrder => (state.sort === key ? state.order : null);
  const keyboardFilter = useKeyboardFilters();

  const screens = Grid.useBreakpoint();
  const allColumns: ColumnsType<ClusterInfo> = [
    {
      title: t('col.name'),
      key: 'name',
      // Kept in view when the table scrolls inside its card, so every row stays recognisable and clickable.
      fixed: 'left',
      sorter: comparators.name,
      sortOrder: sortOrder('name'),
      render: (_, cluster) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/clusters/${cluster.id}`} style={{ ...ellipsis, display: 'block' }} title={cluster.name}>
            {cluster.name}
          </Link>
          <PlainText
            type="secondary"
            style={{ ...ellipsis, display: 'block', fontSize: 12 }}
            title={cluster.id}
          >
            {cluster.id}
          </PlainText>
        </div>
      ),
    },
    {
      title: t('col.status'),
      key: 'status',
      width: 110,
      filters: options.status.map((value) => ({ text: statusText(value), value })),
      filteredValue: state.status,
      ...keyboardFilter('status'),
      sorter: comparators.status,
      sortOrder: sortOrder('status'),
      // Without a column of its own, the running task shows under the status.
      render: (_, cluster) => (
        <StatusBadge
          status={cluster.status}
          subStatus={cluster.sub_status}
          actionProgress={screens.xxl ? undefined : cluster.action_progress}
          taskStatus={screens.xxl ? undefined : cluster.task_status}
        />
      ),
    },
    {
      title: t('col.task'),
      key: 'task',
      width: 120,
      filters: options.task.map((value) => ({ text: taskLabel(value), value })),
      filteredValue: state.task,
      ...keyboardFilter('task'),
      render: (_, cluster) => (
        <TaskProgress actionProgress={cluster.action_progress} taskStatus={cluster.task_status} />
      ),
    },
    {
      title: t('col.nodeType'),
      dataIndex: 'node_type',
      key: 'nodeType',
      width: 120,
      ellipsis: true,
      filters: options.nodeType.map((value) => ({ text: value, value })),
      filteredValue: state.nodeType,
      ...keyboardFilter('nodeType'),
      sorter: comparators.nodeType,
      sortOrder: sortOrder('nodeType'),
    },
    {
      title: t('col.nodes'),
      key: 'nodes',
      width: 86,
      align: 'right',
      sorter: comparators.nodes,
      sortOrder: sortOrder('nodes'),
      render: (_, cluster) =>
        cluster.number_of_node === undefined ? '-' : format.number(cluster.number_of_node),
    },
    {
      title: t('col.endpoint'),
      key: 'endpoint',
      width: 160,
      render: (_, cluster) => {
        const endpoint = cluster.endpoints?.[0]?.connect_info;
        if (!endpoint) return '-';
        return (
          <CopyableText
            text={endpoint}
            copyLabel={`${tCommon('common.copy')} ${t('col.endpoint')}`}
            style={{ fontSize: 12, wordBreak: 'break-all' }}
          />
        );
      },
    },
    {
      title: t('col.created'),
      dataIndex: 'created',
      key: 'created',
      width: 120,
      sorter: comparators.created,
      sortOrder: sortOrder('created'),
      render: (created?: string) => <span style={{ fontSize: 12 }}>{format.dateTime(created)}</span>,
    },
    {
      title: t('col.operations'),
      key: 'operations',
      // Monitor, Restart and More on one line in either language.
      width: 220,
      render: (_, cluster) => <ClusterActions cluster={cluster} layout="row" onSnapshot={onSnapshot} />,
    },
  ];

  const columns = allColumns.filter(
    (c) => (c.key !== 'task' || screens.xxl) && (c.key !== 'created' || screens.xl),
  );

  const onChange: TableProps<ClusterInfo>['onChange'] = (pagination, filters, sorter, extra) => {
    const sort = Array.isArray(sorter) ? sorter[0] : sorter;
    const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    setState({
      status: strings(filters.status),
      task: strings(filters.task),
      nodeType: strings(filters.nodeType),
      sort: sort?.order ? (sort.columnKey as SortKey) : undefined,
      order: sort?.order ?? undefined,
      // Filtering or sorting goes back to the first page; paging keeps the rest.
      page: extra.action === 'paginate' ? (pagination.current ?? 1) : 1,
      size: pagination.pageSize ?? state.size,
    });
  };

  const sorted = useMemo(() => {
    if (!rows || !state.sort) return rows;
    const compare = comparators[state.sort];
    const sign = state.order === 'ascend' ? 1 : -1;
    return [...rows].sort((a, b) => sign * compare(a, b));
  }, [rows, state.sort, state.order]);

  const isEmpty = clusters.isSuccess && all?.length === 0;

  return (
    <Surface>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <PlainTitle level={4} style={{ margin: 0 }}>
          {t('title')}
        </PlainTitle>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('search')}
            aria-label={t('search')}
            value={searchText}
            onChange={(event) => typeSearch(event.target.value)}
            style={{ width: 240 }}
          />
          {isAutoRefreshing && <Tag color="processing">{t('autoRefresh')}</Tag>}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void clusters.refetch()}
            loading={clusters.isFetching}
          >
            {t('refresh')}
          </Button>
          <PermissionButton
            action="cluster.create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/clusters/new')}
          >
            {t('create')}
          </PermissionButton>
        </Space>
      </Flex>
      {clusters.error && <ApiErrorAlert error={clusters.error} style={{ marginBottom: 16 }} />}
      {isEmpty ? (
        <Empty description={t('empty')} style={{ padding: 48 }}>
          <PlainText type="secondary" isBlock>
            {t('emptyHint')}
          </PlainText>
          <PermissionButton
            action="cluster.create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/clusters/new')}
          >
            {t('createFirst')}
          </PermissionButton>
        </Empty>
      ) : (
        <Table<ClusterInfo>
          className="clusters-table"
          // The row under the pointer is marked by CSS (clusters-table.css): antd's own marking re-renders the
          // table's cells each time the pointer enters a row, which makes wheeling through 100 rows stutter.
          rowHoverable={false}
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          // The name column never shrinks below nameMinWidth: a narrower card scrolls the table inside it.
          scroll={{ x: nameMinWidth + columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }}
          dataSource={sorted}
          loading={clusters.isPending}
          onChange={onChange}
          locale={{ emptyText: <Empty description={t('noMatch')} /> }}
          pagination={{
            current: state.page,
            pageSize: state.size,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (count) => t('total', { count }),
          }}
        />
      )}
    </Surface>
  );
}
