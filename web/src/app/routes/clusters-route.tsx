import { ClustersPage } from '../../features/clusters/index.ts';

export function ClustersRoute() {
  return <ClustersPage />;
}
