import type { ReactNode } from 'react';
import { Layout } from '../../ui';
import { useDepartmentName } from './session';

/** Frame of the pages seen before signing in. */
export function PublicLayout({ children, narrow = true }: { children: ReactNode; narrow?: boolean }) {
  const departmentName = useDepartmentName();
  return (
    <Layout departmentName={departmentName}>
      <div className={narrow ? 'public-page' : undefined}>{children}</div>
    </Layout>
  );
}
