import { Link, type LinkProps } from 'react-router';
import { type ButtonVariant, buttonClasses } from './Button';

// Apart from Button: the sign-in bundle uses Button and must not pull in the router.
export interface ButtonLinkProps extends LinkProps {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
}

/** A navigation link that looks like a button. */
export function ButtonLink({ variant = 'secondary', size = 'md', className, ...rest }: ButtonLinkProps) {
  return <Link {...rest} className={buttonClasses(variant, size, className)} />;
}
