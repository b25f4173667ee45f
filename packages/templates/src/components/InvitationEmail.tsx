import { Container, Head, Heading, Hr, Html, Section, Text } from 'react-email';
import type { EmailContent, RichText } from '../content.js';
import { InvitationButton } from './InvitationButton.js';
import { Preheader } from './Preheader.js';
import { styles } from './styles.js';

function Rich({ value }: { value: RichText }) {
  return (
    <>
      {value.map((segment, index) =>
        segment.strong ? <strong key={index}>{segment.text}</strong> : segment.text,
      )}
    </>
  );
}

/**
 * The one layout both templates share. It takes resolved, locked content only:
 * nothing here accepts text from a caller.
 */
export function InvitationEmail({ content }: { content: EmailContent }) {
  return (
    <Html lang={content.lang} dir={content.dir}>
      <Head>
        {/* Lay the email out at the phone's width rather than a desktop one, then let it flow. */}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </Head>
      {/*
        No <body> element: Yahoo's mobile apps drop it (caniemail), so the page
        background lives on a full-width table instead and the parser implies <body>.
        The Email Markup Consortium's wrapper tells a screen reader, in any client,
        that this is an email, which one (its subject), and its language: clients
        often drop <html> and its lang. Around it, one main landmark makes the
        standalone document pass axe's best-practice rules (landmark-one-main, and
        region: the wrapper's name counts as content, so it must sit in a landmark).
      */}
      <div role="main">
        <div
          role="article"
          aria-roledescription="email"
          aria-label={content.subject}
          lang={content.lang}
          dir={content.dir}
        >
          <table
            role="presentation"
            width="100%"
            cellPadding={0}
            cellSpacing={0}
            border={0}
            style={styles.page}
          >
            <tbody>
              <tr>
                <td style={styles.pageCell}>
                  <Container style={styles.container}>
                    <Preheader text={content.preheader} />
                    <Text style={styles.brand}>Ingram Micro Cloud</Text>
                    <Heading as="h1" style={styles.heading}>
                      {content.heading}
                    </Heading>
                    <Text style={styles.text}>{content.greeting}</Text>
                    <Text style={styles.text}>
                      <Rich value={content.intro} />
                    </Text>

                    <Heading as="h2" style={styles.subheading}>
                      {content.acceptanceTitle}
                    </Heading>
                    <ol style={styles.list}>
                      {content.acceptanceSteps.map((step, index) => (
                        <li key={index} style={styles.listItem}>
                          <Rich value={step} />
                        </li>
                      ))}
                    </ol>

                    <InvitationButton
                      href={content.invitation.url}
                      label={content.invitation.label}
                    />
                    <Text style={styles.text}>{content.linkFallback}</Text>
                    <Text style={styles.url}>{content.invitation.url}</Text>
                    <Text style={styles.text}>{content.doNotEditLink}</Text>

                    {content.sections.map((section) => (
                      <Section key={section.title}>
                        <Heading as="h2" style={styles.subheading}>
                          {section.title}
                        </Heading>
                        {section.list ? (
                          <ul style={styles.list}>
                            {section.paragraphs.map((paragraph, index) => (
                              <li key={index} style={styles.listItem}>
                                <Rich value={paragraph} />
                              </li>
                            ))}
                          </ul>
                        ) : (
                          section.paragraphs.map((paragraph, index) => (
                            <Text key={index} style={styles.text}>
                              <Rich value={paragraph} />
                            </Text>
                          ))
                        )}
                      </Section>
                    ))}

                    {content.marketplace ? (
                      <Text style={styles.text}>
                        {content.marketplace.label}
                        {content.colon}{' '}
                        <a href={content.marketplace.url} style={styles.link}>
                          {content.marketplace.url}
                        </a>
                      </Text>
                    ) : null}

                    <Hr style={styles.hr} />
                    {content.footer.map((line) => (
                      <Text key={line} style={styles.footer}>
                        {line}
                      </Text>
                    ))}
                  </Container>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
    </Html>
  );
}
