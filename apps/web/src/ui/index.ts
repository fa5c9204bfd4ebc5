export { Alert, FormAlert } from './Alert';
export { Button, ButtonLink } from './Button';
export { ConflictAlert } from './ConflictAlert';
export { ConfirmDialog, Dialog } from './Dialog';
export { FilterForm } from './FilterForm';
export { type FilterLink, FilterLinks } from './FilterLinks';
export {
  Checkbox,
  Fieldset,
  FileField,
  SelectField,
  type SelectOption,
  type SelectOptionGroup,
  TextAreaField,
  TextField,
} from './fields';
export { Layout, type NavItem, SkipLinks } from './Layout';
export { LeaveGuard } from './LeaveGuard';
export { LiveMessage } from './LiveMessage';
export { PageHeader, usePageTitle } from './PageHeader';
export { ProgressBar } from './ProgressBar';
export { Item, Section } from './Section';
export { EmptyState, ErrorState, Loading } from './states';
export { Badge, type Column, Table } from './Table';
export { VisuallyHidden } from './VisuallyHidden';
