import os from 'os';
import path from 'path';

/**
 * The cfn-guard binary the portal evaluates with: its own, from @cdklabs/cdk-validator-cfnguard
 * (never one from an evaluated repository's dependencies).
 */
export function cfnGuardBinary(): string {
  const platform = (
    { linux: 'ubuntu', darwin: 'macos' } as Record<string, string>
  )[os.platform()];
  const arch = ({ x64: 'x86_64', arm64: 'aarch64' } as Record<string, string>)[
    os.arch()
  ];
  if (!platform || !arch) {
    throw new Error(
      `cfn-guard is not shipped for ${os.platform()} ${os.arch()}`,
    );
  }
  const pkg = path.dirname(
    require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'),
  );
  return path.join(pkg, 'bin', platform, arch, 'cfn-guard');
}
