// Health check of the partner management service: describes every table the functions use and
// publishes `Healthy` (1 or 0) to CloudWatch, which drives the Route 53 failover alarm. Answers
// GET /health through the API with the same verdict. Runs in the VPC: DynamoDB through its gateway
// endpoint, CloudWatch through the monitoring interface endpoint. Uses only the AWS SDK v3 that the
// Lambda Node.js runtime ships. The application's pipeline may replace it like any other function.
'use strict';

const { DynamoDBClient, DescribeTableCommand } = require('@aws-sdk/client-dynamodb');
const { CloudWatchClient, PutMetricDataCommand } = require('@aws-sdk/client-cloudwatch');

const dynamodb = new DynamoDBClient({});
const cloudwatch = new CloudWatchClient({});

async function checkTables(names) {
  return Promise.all(
    names.map(async (name) => {
      try {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
        return { name, ok: Table.TableStatus === 'ACTIVE', status: Table.TableStatus };
      } catch (error) {
        return { name, ok: false, status: error.name };
      }
    }),
  );
}

exports.handler = async (event) => {
  const tables = await checkTables((process.env.TABLES || '').split(',').filter(Boolean));
  const healthy = tables.length > 0 && tables.every((t) => t.ok);
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: process.env.METRICS_NAMESPACE,
      MetricData: [{ MetricName: 'Healthy', Value: healthy ? 1 : 0, Unit: 'Count', Dimensions: [{ Name: 'Environment', Value: process.env.APP_ENV }] }],
    }),
  );
  const body = { status: healthy ? 'ok' : 'degraded', region: process.env.AWS_REGION, tables };
  if (event && (event.httpMethod || (event.requestContext && event.requestContext.http))) {
    return { statusCode: healthy ? 200 : 503, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
  }
  return body;
};
