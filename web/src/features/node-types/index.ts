export { NodeTypesPage } from './components/node-types-page.tsx';
export { NodeTypePicker } from './components/node-type-picker.tsx';
export { ZoneSelect } from './components/zone-select.tsx';
