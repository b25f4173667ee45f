import { InvitationEmail } from '../components/InvitationEmail.js';
import { emailContent } from '../content.js';

export interface CustomerAuthorizationRequestProps {
  /** ISO 3166-1 alpha-2 country code: the only input. */
  country: string;
}

/**
 * Step 2 of AA-06184: the Cloud Marketplace's Customer Authorization Request to the
 * customer's Global Administrator, sent from DoNotReply@IngramMicro.com.
 */
export default function CustomerAuthorizationRequest({
  country,
}: CustomerAuthorizationRequestProps) {
  return <InvitationEmail content={emailContent('customer-authorization-request', country)} />;
}

CustomerAuthorizationRequest.PreviewProps = {
  country: 'GB',
} satisfies CustomerAuthorizationRequestProps;
