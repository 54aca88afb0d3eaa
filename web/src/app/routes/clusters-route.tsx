import { lazy, Suspense, useState } from 'react';
import type { ClusterInfo } from '@dws-console/shared';
import { ClustersPage } from '../../features/clusters/index.ts';

// The list is the first screen of many visits: the snapshot dialog loads when it is first asked for.
const CreateSnapshotDialog = lazy(() =>
  import('../../features/snapshots/components/create-snapshot-dialog.tsx').then((m) => ({
    default: m.CreateSnapshotDialog,
  })),
);

export function ClustersRoute() {
  const [snapshotOf, setSnapshotOf] = useState<ClusterInfo>();
  return (
    <>
      <ClustersPage onSnapshot={setSnapshotOf} />
      {snapshotOf && (
        <Suspense>
          <CreateSnapshotDialog
            isOpen
            clusters={[snapshotOf]}
            clusterId={snapshotOf.id}
            onClose={() => setSnapshotOf(undefined)}
          />
        </Suspense>
      )}
    </>
  );
}
