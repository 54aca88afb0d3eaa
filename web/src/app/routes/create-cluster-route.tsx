import { CreateClusterPage } from '../../features/clusters/index.ts';
import { NodeTypePicker } from '../../features/node-types/index.ts';

export function CreateClusterRoute() {
  return <CreateClusterPage nodeTypeField={NodeTypePicker} />;
}
