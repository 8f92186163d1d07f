// Bootstrap code that LambdaFunction deploys until the application ships its own. README: the
// application's pipeline replaces it by publishing new versions (`aws lambda update-function-code
// --publish`, then `aws lambda update-alias --name live --function-version <n>`). Terraform ignores
// code changed that way only if the construct sets `ignoreCodeChanges: true`; otherwise the next apply
// after this directory changes uploads it again over the application's code.
'use strict';

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** `{ method, path }` of an API Gateway REST (v1), HTTP API (v2) or ALB event; undefined otherwise. */
function httpRequest(event) {
  if (!event || typeof event !== 'object') return undefined;
  const v2 = event.requestContext && event.requestContext.http;
  if (v2 && typeof v2.method === 'string') return { method: v2.method, path: event.rawPath || v2.path || '/' };
  if (typeof event.httpMethod === 'string') return { method: event.httpMethod, path: event.path || event.resource || '/' };
  return undefined;
}

function respond(statusCode, body) {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

exports.handler = async (event) => {
  const request = httpRequest(event);
  const fn = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const version = process.env.AWS_LAMBDA_FUNCTION_VERSION;
  if (request) {
    if (request.method.toUpperCase() === 'GET' && /\/health\/?$/.test(request.path)) {
      return respond(200, { status: 'ok', function: fn, version });
    }
    return respond(503, { deployed: false, message: 'The application code has not been deployed to this function yet.', function: fn, version });
  }
  console.log(JSON.stringify({ level: 'WARN', message: 'application code not deployed yet; event ignored', function: fn, version, eventKeys: event && typeof event === 'object' ? Object.keys(event) : [] }));
  return { deployed: false };
};
