export { ClustersPage } from './components/clusters-page.tsx';
export { ClusterDetailPage } from './components/cluster-detail-page.tsx';
export {
  CreateClusterPage,
  type NodeTypeFieldProps,
  type ZoneFieldProps,
} from './components/create-cluster-page.tsx';
export { clusterKeys } from './api/keys.ts';
export { useClustersQuery } from './api/get-clusters.ts';
export { clusterQueryOptions, useClusterQuery } from './api/get-cluster.ts';
