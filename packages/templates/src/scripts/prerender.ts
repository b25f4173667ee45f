/** Build step: pre-renders every email into dist/emails/ (see prerender-emails.ts). */
import { packageFile } from '../package-info.js';
import { prerenderEmails } from './prerender-emails.js';

const index = await prerenderEmails(packageFile('dist/emails/'));
console.log(`Pre-rendered ${index.length} emails into dist/emails/`);
