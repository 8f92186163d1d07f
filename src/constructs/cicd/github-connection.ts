import { CodestarconnectionsConnection } from '@cdktf/provider-aws/lib/codestarconnections-connection';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

export interface GithubConnectionProps extends ProviderScopedProps {
  /** Connection name (1-32 characters), for example `<system>-<env>-github`. */
  readonly connectionName: string;
}

const CONNECTION_NAME = /^[A-Za-z0-9_.-]{1,32}$/;

/**
 * A CodeConnections (CodeStar Connections) connection to GitHub, the source of the delivery
 * pipelines.
 *
 * Terraform creates the connection in status PENDING: AWS cannot finish the OAuth handshake
 * through an API. Once per connection, an administrator opens Developer Tools > Settings >
 * Connections in the console, chooses the connection, "Update pending connection", and installs
 * (or picks) the AWS Connector for GitHub app on the GitHub organization that owns the
 * repository. The connection then turns AVAILABLE and stays so; until then every pipeline that
 * uses it fails in its Source stage. Re-creating the connection (a new ARN) needs the handshake
 * again.
 */
export class GithubConnection extends Construct {
  readonly connection: CodestarconnectionsConnection;
  /** ARN of the connection (`arn:aws:codestar-connections:...`), the source actions' ConnectionArn. */
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: GithubConnectionProps) {
    super(scope, id);
    if (Token.isUnresolved(props.connectionName) || !CONNECTION_NAME.test(props.connectionName)) {
      throw new Error(`GithubConnection ${id}: connectionName "${props.connectionName}" is not a literal of 1-32 letters, digits, ".", "-" or "_"; pass a name like <system>-<env>-github`);
    }
    this.connection = new CodestarconnectionsConnection(this, 'connection', { name: props.connectionName, providerType: 'GitHub' });
    this.arn = this.connection.arn;
    this.name = props.connectionName;
    useProvider(this, props.provider);
  }
}
