export { Alert, FormAlert } from './Alert';
export { Button } from './Button';
export { ButtonLink } from './ButtonLink';
export { ConflictAlert } from './ConflictAlert';
export { ConfirmDialog, Dialog } from './Dialog';
export { DialogForm } from './DialogForm';
export { type FailedLine, FailedLinesTable, failedLinesOf } from './FailedLines';
export {
  type FileUpload,
  FileUploadForm,
  type UploadPhase,
  type UploadTransfer,
  useFileUpload,
} from './FileUpload';
export { FilterActions, FilterForm } from './FilterForm';
export { type FilterLink, FilterLinks } from './FilterLinks';
export { FormActions } from './FormActions';
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
export { Layout, type NavItem } from './Layout';
export { LeaveGuard } from './LeaveGuard';
export { LiveMessage } from './LiveMessage';
export { PageHeader, usePageTitle } from './PageHeader';
export { hubCodeOptions, PeriodFields } from './PeriodFields';
export { ProgressBar } from './ProgressBar';
export { Item, Section } from './Section';
export { SiteFrame, SkipLinks } from './SiteFrame';
export { EmptyState, ErrorState, Loading } from './states';
export { Badge, type Column, Table } from './Table';
export { useVersionedForm, type VersionedForm, VersionedFormAlerts } from './VersionedForm';
export { VisuallyHidden } from './VisuallyHidden';
