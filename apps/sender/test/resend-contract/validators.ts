/** The contract's schemas compiled once, for the local fake server and the contract tests. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  domainResponse,
  idempotencyKeyHeader,
  listDomainsResponse,
  sendBatchPermissiveResponse,
  sendBatchRequest,
  sendBatchResponse,
  sendEmailRequest,
  sendEmailResponse,
} from './schema.js';

export interface ContractValidators {
  sendRequest: ValidateFunction;
  batchRequest: ValidateFunction;
  sendResponse: ValidateFunction;
  batchResponse: ValidateFunction;
  batchPermissiveResponse: ValidateFunction;
  domainList: ValidateFunction;
  domain: ValidateFunction;
  idempotencyKey: ValidateFunction;
}

let compiled: ContractValidators | undefined;

export function contractValidators(): ContractValidators {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is `module.exports`,
  // whose `default` property is the plugin itself.
  addFormatsModule.default(ajv);
  // Attachment content is base64 text in JSON; "binary" only names its meaning.
  ajv.addFormat('binary', true);
  compiled = {
    sendRequest: ajv.compile(sendEmailRequest),
    batchRequest: ajv.compile(sendBatchRequest),
    sendResponse: ajv.compile(sendEmailResponse),
    batchResponse: ajv.compile(sendBatchResponse),
    batchPermissiveResponse: ajv.compile(sendBatchPermissiveResponse),
    domainList: ajv.compile(listDomainsResponse),
    domain: ajv.compile(domainResponse),
    idempotencyKey: ajv.compile(idempotencyKeyHeader),
  };
  return compiled;
}

/** `/to must NOT have more than 50 items; /subject must be string`: names each bad field. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
    .join('; ');
}
