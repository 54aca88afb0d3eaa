import { NodeTypesPage } from '../../features/node-types/index.ts';

export function NodeTypesRoute() {
  return <NodeTypesPage />;
}
