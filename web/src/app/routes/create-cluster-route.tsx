import { CreateClusterPage } from '../../features/clusters/index.ts';
import { NodeTypePicker, ZoneSelect } from '../../features/node-types/index.ts';

export function CreateClusterRoute() {
  return <CreateClusterPage nodeTypeField={NodeTypePicker} zoneField={ZoneSelect} />;
}
