export { SnapshotsPage } from './components/snapshots-page.tsx';
export { SnapshotDetailPage } from './components/snapshot-detail-page.tsx';
export { ClusterSnapshots } from './components/cluster-snapshots.tsx';
export { snapshotKeys } from './api/keys.ts';
