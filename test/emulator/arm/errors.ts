// ARM's error bodies: `{"error":{"code","message"}}`, the codes and words the real service uses for
// each case, so a client's error mapping meets what production sends.

import { HttpError } from '../errors';

export function armError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): HttpError {
  return new HttpError(status, { error: { code, message } }, headers);
}

/** 401 with the WWW-Authenticate challenge ARM sends (it names the tenant-independent login authority). */
export function unauthenticated(code: string, message: string): HttpError {
  const challenge =
    `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", ` +
    `error_description="${message.replace(/"/g, "'")}"`;
  return armError(401, code, message, { 'WWW-Authenticate': challenge });
}

export function missingApiVersion(): HttpError {
  return armError(
    400,
    'MissingApiVersionParameter',
    'The api-version query parameter (?api-version=) is required for all requests.',
  );
}

export function invalidApiVersion(version: string, supported: readonly string[]): HttpError {
  return armError(
    400,
    'InvalidApiVersionParameter',
    `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`,
  );
}

/** What a resource provider route answers for an api-version the provider does not register. */
export function noRegisteredProvider(version: string, supported: readonly string[]): HttpError {
  return armError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location 'global' and API version '${version}' for type 'workspaces'. ` +
      `The supported api-versions are '${supported.join(', ')}'. The supported locations are 'westeurope, northeurope, eastus2, westus3, uksouth'.`,
  );
}

export function authorizationFailed(objectId: string, subscriptionId: string): HttpError {
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action ` +
      `'Microsoft.Databricks/workspaces/read' over scope '/subscriptions/${subscriptionId}' or the scope is invalid. ` +
      'If access was recently granted, please refresh your credentials.',
  );
}

export function subscriptionNotFound(subscriptionId: string): HttpError {
  return armError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

/** 429 body: the tenant-level read limit for `/subscriptions`, the subscription's one below it. */
export function throttleBody(subscriptionId: string | undefined, retryAfter: string): unknown {
  if (subscriptionId === undefined) {
    return {
      error: {
        code: 'TooManyRequests',
        message: `Number of requests exceeded the limit. Please try again after '${retryAfter}' seconds.`,
      },
    };
  }
  return {
    error: {
      code: 'SubscriptionRequestsThrottled',
      message: `Number of 'read' requests for subscription '${subscriptionId}' actually exceeded the limit of '12000' for time interval '01:00:00'. Please try again after '${retryAfter}' seconds.`,
    },
  };
}
