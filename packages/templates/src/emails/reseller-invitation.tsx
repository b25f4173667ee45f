import { InvitationEmail } from '../components/InvitationEmail.js';
import { emailContent } from '../content.js';

export interface ResellerInvitationProps {
  /** ISO 3166-1 alpha-2 country code: the only input. */
  country: string;
}

/** Step 1 of AA-06184: the standard CSP reseller invitation with its one unique link. */
export default function ResellerInvitation({ country }: ResellerInvitationProps) {
  return <InvitationEmail content={emailContent('reseller-invitation', country)} />;
}

ResellerInvitation.PreviewProps = { country: 'GB' } satisfies ResellerInvitationProps;
