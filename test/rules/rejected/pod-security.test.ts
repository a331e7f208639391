import { describe, expect, it } from 'vitest';
import rule from '../../../rules/pod-security.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';
import { lintText } from '../../../src/lint.js';
import { evaluatePod, checksFor, PSA_CHECKS, type LevelVersion } from '../../../src/k8s/pod-security.js';

/** A Pod whose spec lines (indented by two spaces) start at line 6. */
const pod = (spec: string, metadata = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
${metadata}spec:
${spec}`;

const restrictedOk = `  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
`;
/** A container that passes restricted (line numbers: see each use). */
const okContainer = (name: string) => `    - name: ${name}
      image: app:1
      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          drop: [ALL]
`;

const enforce = (lv: string) => ({ options: { enforce: lv } });

ruleTester(rule, {
  valid: [
    { name: 'quiet without any level', code: pod(`  hostNetwork: true\n  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        privileged: true\n`) },
    { name: 'privileged level', code: pod(`  hostNetwork: true\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('privileged') },
    { name: 'baseline admits the default pod', code: pod(`  containers:\n    - name: a\n      image: app:1\n`), ...enforce('baseline') },
    { name: 'restricted admits a hardened pod', code: pod(`${restrictedOk}  containers:\n${okContainer('a')}`), ...enforce('restricted') },
    // version boundaries: allowed at the older version
    { name: 'allowPrivilegeEscalation unchecked before v1.8', code: pod(`  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('restricted:v1.7') },
    { name: 'capabilities drop ALL unchecked before v1.22', code: pod(`${restrictedOk}  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        allowPrivilegeEscalation: false\n`), ...enforce('restricted:v1.21') },
    { name: 'runAsUser 0 allowed before v1.23', code: pod(`${restrictedOk}    runAsUser: 0\n  containers:\n${okContainer('a')}`), ...enforce('restricted:v1.22') },
    { name: 'seccomp field unchecked before v1.19 (annotations were)', code: pod(`  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('baseline:v1.18') },
    { name: 'windows pods exempt from the Linux-only checks from v1.25', code: pod(`  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('restricted:v1.25') },
    { name: 'ip_local_reserved_ports safe from v1.27', code: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_reserved_ports\n        value: "1000"\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('baseline:v1.27') },
    { name: 'tcp_keepalive_time safe from v1.29', code: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.tcp_keepalive_time\n        value: "60"\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('baseline:v1.29') },
    { name: 'tcp_rmem safe from v1.32', code: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.tcp_rmem\n        value: "4096 87380 6291456"\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('baseline:v1.32') },
    { name: 'container_engine_t allowed from v1.31', code: pod(`  securityContext:\n    seLinuxOptions:\n      type: container_engine_t\n  containers:\n    - name: a\n      image: app:1\n`), ...enforce('baseline:v1.31') },
    { name: 'probe host unchecked before v1.34', code: pod(`  containers:\n    - name: a\n      image: app:1\n      livenessProbe:\n        httpGet:\n          host: 10.0.0.1\n          port: 80\n`), ...enforce('baseline:v1.33') },
    { name: 'latest is the --kubernetes-version in force (1.33: no probe-host check)', code: pod(`  containers:\n    - name: a\n      image: app:1\n      livenessProbe:\n        httpGet:\n          host: 10.0.0.1\n          port: 80\n`), ...enforce('baseline'), kubernetesVersion: '1.33' },
    { name: 'hostUsers false relaxes runAsNonRoot from v1.35', code: pod(`  hostUsers: false\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n${okContainer('a')}`), ...enforce('restricted:v1.35') },
    { name: 'hostUsers false relaxes baseline procMount from v1.35', code: pod(`  hostUsers: false\n  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        procMount: Unmasked\n`), ...enforce('baseline:v1.35') },
    { name: 'runtimeClass exemption', code: pod(`  runtimeClassName: kata\n  hostPID: true\n  containers:\n    - name: a\n      image: app:1\n`), options: { enforce: 'baseline', exemptions: { runtimeClasses: ['kata'] } } },
    { name: 'namespace exemption (no namespace: default)', code: pod(`  hostPID: true\n  containers:\n    - name: a\n      image: app:1\n`), options: { enforce: 'baseline', exemptions: { namespaces: ['default'] } } },
    { name: 'image volumes allowed in restricted from Kubernetes 1.33', code: pod(`${restrictedOk}  volumes:\n    - name: models\n      image:\n        reference: models:1\n  containers:\n${okContainer('a')}`), ...enforce('restricted:v1.25') },
    { name: 'a PodTemplate is never enforced (no controller creates its pods)', code: `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: t\ntemplate:\n  spec:\n    hostIPC: true\n    containers:\n      - name: a\n        image: app:1\n`, ...enforce('baseline') },
  ],
  invalid: [
    {
      name: 'the message of the issue, at the failing field',
      code: pod(`  containers:\n    - name: cart\n      image: app:1\n      securityContext:\n        privileged: true\n`),
      ...enforce('baseline:v1.30'),
      errors: [{ messageId: 'enforcePod', line: 10, column: 21, path: '/spec/containers/0/securityContext/privileged', message: 'violates PodSecurity "baseline:v1.30": privileged (container "cart" must not set securityContext.privileged=true)' }],
    },
    {
      name: 'restricted: one finding per failed check; a missing field is located at its parent',
      code: pod(`  containers:\n    - name: cart\n      image: app:1\n      securityContext:\n        privileged: true\n`),
      ...enforce('restricted:v1.30'),
      errors: [
        { messageId: 'enforcePod', line: 9, column: 7, message: 'violates PodSecurity "restricted:v1.30": allowPrivilegeEscalation != false (container "cart" must set securityContext.allowPrivilegeEscalation=false)' },
        { messageId: 'enforcePod', line: 9, column: 7, message: 'violates PodSecurity "restricted:v1.30": runAsNonRoot != true (pod or container "cart" must set securityContext.runAsNonRoot=true)' },
        { messageId: 'enforcePod', line: 9, column: 7, message: 'violates PodSecurity "restricted:v1.30": seccompProfile (pod or container "cart" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' },
        { messageId: 'enforcePod', line: 9, column: 7, message: 'violates PodSecurity "restricted:v1.30": unrestricted capabilities (container "cart" must set securityContext.capabilities.drop=["ALL"])' },
        { messageId: 'enforcePod', line: 10, column: 21, message: 'violates PodSecurity "restricted:v1.30": privileged (container "cart" must not set securityContext.privileged=true)' },
      ],
    },
    {
      name: 'host namespaces',
      code: pod(`  hostPID: true\n  hostNetwork: true\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline'),
      errors: [{ messageId: 'enforcePod', line: 7, column: 16, message: 'violates PodSecurity "baseline:latest": host namespaces (hostNetwork, hostPID)' }],
    },
    {
      name: 'hostPath volumes and host ports',
      code: pod(`  volumes:\n    - name: data\n      hostPath:\n        path: /var\n  containers:\n    - name: a\n      image: app:1\n      ports:\n        - containerPort: 80\n          hostPort: 8080\n        - containerPort: 443\n          hostPort: 443\n`),
      ...enforce('baseline'),
      errors: [
        { messageId: 'enforcePod', line: 8, column: 7, message: 'violates PodSecurity "baseline:latest": hostPath volumes (volume "data")' },
        { messageId: 'enforcePod', line: 15, column: 21, message: 'violates PodSecurity "baseline:latest": hostPort (container "a" uses hostPorts 443, 8080)' },
      ],
    },
    {
      name: 'restricted volume types (hostPath is reported once, by restrictedVolumes)',
      code: pod(`${restrictedOk}  volumes:\n    - name: data\n      hostPath:\n        path: /var\n    - name: nfs\n      nfs:\n        server: x\n        path: /\n  containers:\n${okContainer('a')}`),
      ...enforce('restricted'),
      errors: [{ messageId: 'enforcePod', line: 12, column: 7, message: 'violates PodSecurity "restricted:latest": restricted volume types (volumes "data", "nfs" use restricted volume types "hostPath", "nfs")' }],
    },
    {
      name: 'capabilities: baseline add list, restricted drop ALL',
      code: pod(`  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        capabilities:\n          add: [CHOWN, NET_RAW, SYS_ADMIN]\n`),
      ...enforce('baseline'),
      errors: [{ messageId: 'enforcePod', line: 11, column: 24, message: 'violates PodSecurity "baseline:latest": non-default capabilities (container "a" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)' }],
    },
    {
      name: 'AppArmor field and annotation',
      code: pod(`  securityContext:\n    appArmorProfile:\n      type: Unconfined\n  containers:\n    - name: a\n      image: app:1\n`, `  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\n`),
      ...enforce('baseline'),
      errors: [{ messageId: 'enforcePod', line: 10, column: 13, message: 'violates PodSecurity "baseline:latest": forbidden AppArmor profiles (pod and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="unconfined"")' }],
    },
    {
      name: 'SELinux type, user and role',
      code: pod(`  securityContext:\n    seLinuxOptions:\n      user: sysadm_u\n  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        seLinuxOptions:\n          type: spc_t\n`),
      ...enforce('baseline'),
      errors: [{ messageId: 'enforcePod', line: 8, column: 13, message: 'violates PodSecurity "baseline:latest": seLinuxOptions (pod and container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)' }],
    },
    {
      name: 'seccomp annotations before v1.19',
      code: pod(`  containers:\n    - name: a\n      image: app:1\n`, `  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n`),
      ...enforce('baseline:v1.18'),
      errors: [{ messageId: 'enforcePod', line: 6, column: 47, message: 'violates PodSecurity "baseline:v1.18": seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")' }],
    },
    {
      name: 'seccomp field from v1.19',
      code: pod(`  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline:v1.19'),
      errors: [{ messageId: 'enforcePod', line: 8, column: 13, message: 'violates PodSecurity "baseline:v1.19": seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")' }],
    },
    {
      name: 'allowPrivilegeEscalation from v1.8',
      code: pod(`  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('restricted:v1.8'),
      errors: [{ messageId: 'enforcePod', line: 9, column: 7, message: 'violates PodSecurity "restricted:v1.8": allowPrivilegeEscalation != false (container "a" must set securityContext.allowPrivilegeEscalation=false)' }],
    },
    {
      name: 'capabilities drop ALL from v1.22',
      code: pod(`${restrictedOk}  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        allowPrivilegeEscalation: false\n`),
      ...enforce('restricted:v1.22'),
      errors: [{ messageId: 'enforcePod', line: 13, column: 7, message: 'violates PodSecurity "restricted:v1.22": unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])' }],
    },
    {
      name: 'runAsUser 0 from v1.23',
      code: pod(`${restrictedOk}    runAsUser: 0\n  containers:\n${okContainer('a')}`),
      ...enforce('restricted:v1.23'),
      errors: [{ messageId: 'enforcePod', line: 10, column: 16, message: 'violates PodSecurity "restricted:v1.23": runAsUser=0 (pod must not set runAsUser=0)' }],
    },
    {
      name: 'windows pods are judged by the Linux-only checks before v1.25',
      code: pod(`  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('restricted:v1.24'),
      errors: [
        { messageId: 'enforcePod', line: 11, column: 7, message: 'violates PodSecurity "restricted:v1.24": allowPrivilegeEscalation != false (container "a" must set securityContext.allowPrivilegeEscalation=false)' },
        { messageId: 'enforcePod', line: 11, column: 7, message: 'violates PodSecurity "restricted:v1.24": seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' },
        { messageId: 'enforcePod', line: 11, column: 7, message: 'violates PodSecurity "restricted:v1.24": unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])' },
      ],
    },
    {
      name: 'sysctls before they became safe (v1.26, v1.28, v1.31)',
      code: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_reserved_ports\n        value: "1000"\n      - name: kernel.msgmax\n        value: "1"\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline:v1.26'),
      errors: [{ messageId: 'enforcePod', line: 8, column: 15, message: 'violates PodSecurity "baseline:v1.26": forbidden sysctls (net.ipv4.ip_local_reserved_ports, kernel.msgmax)' }],
    },
    {
      name: 'tcp_keepalive_time at v1.28',
      code: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.tcp_keepalive_time\n        value: "60"\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline:v1.28'),
      errors: [{ messageId: 'enforcePod', line: 8, column: 15, message: 'violates PodSecurity "baseline:v1.28": forbidden sysctls (net.ipv4.tcp_keepalive_time)' }],
    },
    {
      name: 'tcp_rmem at v1.31',
      code: pod(`  securityContext:\n    sysctls:\n      - name: net.ipv4.tcp_rmem\n        value: "4096 87380 6291456"\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline:v1.31'),
      errors: [{ messageId: 'enforcePod', line: 8, column: 15, message: 'violates PodSecurity "baseline:v1.31": forbidden sysctls (net.ipv4.tcp_rmem)' }],
    },
    {
      name: 'container_engine_t at v1.30',
      code: pod(`  securityContext:\n    seLinuxOptions:\n      type: container_engine_t\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline:v1.30'),
      errors: [{ messageId: 'enforcePod', line: 8, column: 13, message: 'violates PodSecurity "baseline:v1.30": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "container_engine_t")' }],
    },
    {
      name: 'probe and lifecycle hosts from v1.34',
      code: pod(`  containers:\n    - name: a\n      image: app:1\n      livenessProbe:\n        httpGet:\n          host: 10.0.0.1\n          port: 80\n      lifecycle:\n        preStop:\n          tcpSocket:\n            host: 10.0.0.2\n            port: 80\n`),
      ...enforce('baseline:v1.34'),
      errors: [{ messageId: 'enforcePod', line: 11, column: 17, message: 'violates PodSecurity "baseline:v1.34": probe or lifecycle host (container "a" uses probe or lifecycle hosts "10.0.0.1", "10.0.0.2")' }],
    },
    {
      name: 'latest on Kubernetes 1.34 has the probe-host check',
      code: pod(`  containers:\n    - name: a\n      image: app:1\n      startupProbe:\n        tcpSocket:\n          host: db\n          port: 5432\n`),
      ...enforce('baseline'),
      kubernetesVersion: '1.34',
      errors: [{ messageId: 'enforcePod', line: 11, column: 17, message: 'violates PodSecurity "baseline:latest": probe or lifecycle host (container "a" uses probe or lifecycle host "db")' }],
    },
    {
      name: 'a version newer than the API server is its newest',
      code: pod(`  containers:\n    - name: a\n      image: app:1\n      startupProbe:\n        tcpSocket:\n          host: db\n          port: 5432\n`),
      ...enforce('baseline:v1.40'),
      errors: [{ messageId: 'enforcePod', line: 11, column: 17, message: 'violates PodSecurity "baseline:v1.40": probe or lifecycle host (container "a" uses probe or lifecycle host "db")' }],
    },
    {
      name: 'hostUsers false does not relax runAsNonRoot before v1.35',
      code: pod(`  hostUsers: false\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n${okContainer('a')}`),
      ...enforce('restricted:v1.34'),
      errors: [{ messageId: 'enforcePod', line: 13, column: 7, message: 'violates PodSecurity "restricted:v1.34": runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)' }],
    },
    {
      name: 'procMount Unmasked: baseline before v1.35, restricted even with hostUsers false',
      code: pod(`  hostUsers: false\n${restrictedOk}  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        allowPrivilegeEscalation: false\n        procMount: Unmasked\n        capabilities:\n          drop: [ALL]\n`),
      ...enforce('restricted:v1.35'),
      errors: [{ messageId: 'enforcePod', line: 16, column: 20, message: 'violates PodSecurity "restricted:v1.35": procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
    },
    {
      name: 'baseline procMount at v1.34 with hostUsers false',
      code: pod(`  hostUsers: false\n  containers:\n    - name: a\n      image: app:1\n      securityContext:\n        procMount: Unmasked\n`),
      ...enforce('baseline:v1.34'),
      errors: [{ messageId: 'enforcePod', line: 11, column: 20, message: 'violates PodSecurity "baseline:v1.34": procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
    },
    {
      name: 'Windows HostProcess and the init/ephemeral containers',
      code: pod(`  initContainers:\n    - name: init\n      image: app:1\n      securityContext:\n        windowsOptions:\n          hostProcess: true\n  containers:\n    - name: a\n      image: app:1\n`),
      ...enforce('baseline'),
      errors: [{ messageId: 'enforcePod', line: 11, column: 24, message: 'violates PodSecurity "baseline:latest": hostProcess (container "init" must not set securityContext.windowsOptions.hostProcess=true)' }],
    },
    {
      name: 'image volumes are an unknown restricted type before Kubernetes 1.33',
      code: pod(`${restrictedOk}  volumes:\n    - name: models\n      image:\n        reference: models:1\n  containers:\n${okContainer('a')}`),
      ...enforce('restricted'),
      kubernetesVersion: '1.32',
      errors: [{ messageId: 'enforcePod', line: 11, column: 7, message: 'violates PodSecurity "restricted:latest": restricted volume types (volume "models" uses restricted volume type "unknown")' }],
    },
    {
      name: 'a workload template under enforce: admitted, but no pod will run',
      code: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      hostIPC: true\n      containers:\n        - name: web\n          image: nginx:1.27\n`,
      ...enforce('baseline'),
      errors: [
        {
          messageId: 'enforceTemplate',
          line: 12,
          column: 16,
          path: '/spec/template/spec/hostIPC',
          message: 'violates PodSecurity "baseline:latest": host namespaces (hostIPC) — the API server admits the Deployment with a warning, but forbids every pod created from this template: the controller records FailedCreate and no pod runs',
        },
      ],
    },
    {
      name: 'warn and audit levels (warn wins over audit for the same check)',
      code: pod(`  hostPID: true\n  containers:\n    - name: a\n      image: app:1\n`),
      options: { warn: 'baseline', audit: 'restricted:v1.7' },
      errors: [
        { messageId: 'warn', line: 6, column: 12, message: 'would violate PodSecurity "baseline:latest": host namespaces (hostPID)' },
        { messageId: 'audit', line: 8, column: 7, message: 'would violate PodSecurity "restricted:v1.7": runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)' },
      ],
    },
    {
      name: 'a CronJob template (nested pod spec)',
      code: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: a\n              image: app:1\n              securityContext:\n                privileged: true\n`,
      ...enforce('baseline'),
      errors: [{ messageId: 'enforceTemplate', line: 16, column: 29 }],
    },
  ],
});

describe('pod-security: severities and namespaces', () => {
  const nsDoc = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${labels}`;
  const podIn = (ns: string, name: string, spec = '  hostNetwork: true\n  containers:\n    - name: a\n      image: app:1\n') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
  const psa = (f: { ruleId: string | null }) => f.ruleId === 'pod-security';

  it('gives enforce errors, warn warnings and audit infos', () => {
    const found = runRule(rule, pod(`  hostPID: true\n  containers:\n    - name: a\n      image: app:1\n`), { options: { warn: 'baseline', audit: 'restricted:v1.7' } });
    expect(found.map((f) => f.severity)).toEqual(['warning', 'info']);
    const rejected = runRule(rule, pod(`  hostPID: true\n  containers:\n    - name: a\n      image: app:1\n`), { options: { enforce: 'baseline', warn: 'restricted' } });
    // the plugin adds no warnings to a pod it rejects
    expect(rejected.map((f) => [f.severity, f.messageId])).toEqual([['error', 'enforcePod']]);
  });

  it('applies each Namespace of the run to its own objects, wherever they are', async () => {
    const text = [
      podIn('shop', 'cart'),
      podIn('tools', 'debug'),
      podIn('other', 'free'),
      nsDoc('shop', '    pod-security.kubernetes.io/enforce: baseline\n'),
      nsDoc('tools', '    pod-security.kubernetes.io/warn: baseline\n    pod-security.kubernetes.io/warn-version: v1.29\n'),
      nsDoc('other', '    team: x\n'),
    ].join('---\n');
    const result = await lintText(text, 'run.yaml');
    const found = result.files[0]!.findings.filter(psa);
    expect(found.map((f) => [f.object?.name, f.severity, f.line, f.message])).toEqual([
      ['cart', 'error', 7, 'violates PodSecurity "baseline:latest": host namespaces (hostNetwork)'],
      ['debug', 'warning', 18, 'would violate PodSecurity "baseline:v1.29": host namespaces (hostNetwork)'],
    ]);
  });

  it('takes Namespaces from other files of the run, and the --pod-security default for namespaces without labels', async () => {
    const { lintInputs, resolveLintOptions } = await import('../../../src/lint.js');
    const resolved = await resolveLintOptions({ config: false, podSecurity: { enforce: 'restricted' } });
    const result = lintInputs(
      [
        { filePath: 'pods.yaml', text: [podIn('shop', 'cart'), podIn('elsewhere', 'x')].join('---\n') },
        { filePath: 'ns.json', text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }] }) },
      ],
      resolved,
    );
    const pods = result.files.find((f) => f.filePath === 'pods.yaml')!.findings.filter(psa);
    expect(new Set(pods.map((f) => f.object?.name))).toEqual(new Set(['x']));
    expect(pods.every((f) => f.message.startsWith('violates PodSecurity "restricted:latest"'))).toBe(true);
  });

  it('rejects a Namespace with an invalid label and judges its pods as restricted:latest (the plugin falls back)', async () => {
    const text = [nsDoc('bad', '    pod-security.kubernetes.io/enforce: strict\n    pod-security.kubernetes.io/warn-version: "1.30"\n'), podIn('bad', 'p')].join('---\n');
    const found = (await lintText(text, 'bad.yaml')).files[0]!.findings.filter(psa);
    expect(found.slice(0, 2).map((f) => [f.line, f.column, f.severity, f.message])).toEqual([
      [6, 41, 'error', 'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted'],
      [7, 46, 'error', 'metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "1.30": must be "latest" or "v1.x"'],
    ]);
    expect(found.slice(2).every((f) => f.message.startsWith('violates PodSecurity "restricted:latest"'))).toBe(true);
    expect(found.length).toBeGreaterThan(2);
  });

  it('reads podSecurity from the configuration file, and --pod-security wins', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psa-'));
    fs.writeFileSync(path.join(dir, '.podlint.yaml'), 'podSecurity:\n  enforce: baseline:v1.30\n  exemptions:\n    namespaces: [kube-system]\n');
    const text = [podIn('kube-system', 'k'), podIn('app', 'a')].join('---\n');
    const fromConfig = (await lintText(text, 'x.yaml', { cwd: dir, config: path.join(dir, '.podlint.yaml') })).files[0]!.findings.filter(psa);
    expect(fromConfig.map((f) => [f.object?.name, f.message])).toEqual([['a', 'violates PodSecurity "baseline:v1.30": host namespaces (hostNetwork)']]);
    const overridden = (await lintText(text, 'x.yaml', { cwd: dir, config: path.join(dir, '.podlint.yaml'), podSecurity: { enforce: 'privileged', warn: 'baseline' } })).files[0]!.findings.filter(psa);
    expect(overridden.map((f) => [f.object?.name, f.severity])).toEqual([['a', 'warning']]);
    await expect(lintText(text, 'x.yaml', { podSecurity: { enforce: 'strict' } })).rejects.toThrow(/invalid --pod-security strict/);
    fs.writeFileSync(path.join(dir, '.podlint.yaml'), 'podSecurity:\n  enforce: strict\n');
    await expect(lintText(text, 'x.yaml', { cwd: dir, config: path.join(dir, '.podlint.yaml') })).rejects.toThrow(/podSecurity\/enforce/);
  });

  it('is off when the rule is off', async () => {
    const text = [nsDoc('shop', '    pod-security.kubernetes.io/enforce: baseline\n'), podIn('shop', 'cart')].join('---\n');
    const found = (await lintText(text, 'x.yaml', { rules: { 'pod-security': 'off' } })).files[0]!.findings.filter(psa);
    expect(found).toEqual([]);
  });
});

describe('pod-security: the registry', () => {
  const lv = (level: LevelVersion['level'], version: LevelVersion['version']): LevelVersion => ({ level, version });
  it('overrides the baseline checks that restricted replaces, from the version that replaces them', () => {
    const ids = (level: LevelVersion['level'], minor: number) => checksFor(level, minor).map((c) => c.id);
    expect(ids('restricted', 21)).toContain('capabilities_baseline');
    expect(ids('restricted', 22)).not.toContain('capabilities_baseline');
    expect(ids('restricted', 18)).toContain('seccompProfile_baseline');
    expect(ids('restricted', 19)).not.toContain('seccompProfile_baseline');
    expect(ids('restricted', 34)).toContain('procMount');
    expect(ids('restricted', 35)).not.toContain('procMount');
    expect(ids('restricted', 0)).not.toContain('hostPathVolumes');
    expect(ids('baseline', 36)).not.toContain('runAsNonRoot');
    expect(ids('privileged', 36)).toEqual([]);
    expect(new Set(PSA_CHECKS.map((c) => c.id)).size).toBe(PSA_CHECKS.length);
  });
  it('passes an empty pod at baseline and fails it at restricted with the restricted checks only', () => {
    const empty = { spec: { containers: [{ name: 'c' }] }, specPath: '/spec', metadata: {}, metadataPath: '/metadata', kubernetesMinor: 36 };
    expect(evaluatePod(lv('baseline', 'latest'), empty)).toEqual([]);
    expect(evaluatePod(lv('restricted', 'latest'), empty).map((f) => f.checkId).sort()).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
  });
});

describe('pod-security in explain -f', () => {
  it('says what the namespace\'s level does to each pod and workload', async () => {
    const { explainManifest, renderNarrative } = await import('../../../src/explain/narrative.js');
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: ok
  namespace: shop
spec:
  containers:
    - name: a
      image: app:1
`;
    const n = await explainManifest(text, 'shop.yaml', { kubernetesVersion: '1.36' });
    expect(n.objects[0]!.podSecurity).toBeUndefined();
    expect(n.objects[1]!.podSecurity).toBe(
      'PodSecurity "baseline:latest" is enforced in namespace "shop": the API server admits the Deployment with a warning, but forbids every pod created from its template (1 check fails) — the controller records FailedCreate events and no pod ever runs. kubectl prints 4 PodSecurity warnings ("restricted:latest").',
    );
    expect(n.objects[2]!.podSecurity).toBe('PodSecurity "baseline:latest" is enforced in namespace "shop": this pod passes. kubectl prints 4 PodSecurity warnings ("restricted:latest").');
    expect(renderNarrative(n)).toContain('- PodSecurity "baseline:latest" is enforced in namespace "shop": this pod passes.');
  });
});

describe('pod-security in simulate', () => {
  it('records FailedCreate for a controller whose pods the namespace forbids, and runs none', async () => {
    const { simulate } = await import('../../../src/simulator/index.js');
    const { parseManifestText } = await import('../../../src/source/manifests.js');
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
`;
    const inputs = parseManifestText(text, 'sim.yaml').objects.map((o) => ({ value: o.value, file: 'sim.yaml', line: 1 }));
    const trace = simulate(inputs as never, { until: 30_000 });
    const failed = trace.events.filter((e: { reason: string }) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.message).toMatch(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostNetwork\)$/);
    expect(trace.pods).toEqual([]);
    expect(trace.assumptions.some((a: string) => a.startsWith('PodSecurity admission: namespace shop enforces baseline:latest'))).toBe(true);
  });
});

describe('pod-security on the command line', () => {
  it('takes --pod-security [MODE=]LEVEL[:VERSION] and refuses a bad one with exit 2', async () => {
    const { runCli } = await import('../../helpers/cli.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psa-cli-'));
    const file = path.join(dir, 'pod.yaml');
    fs.writeFileSync(file, pod(`  hostPID: true\n  containers:\n    - name: a\n      image: app:1\n`));
    const warned = await runCli(['--no-config', '--format', 'compact', '--rule', 'bare-pod=off', '--pod-security', 'warn=baseline:v1.30', file]);
    expect(warned.stdout).toContain('pod.yaml: line 6, col 12, Warning - would violate PodSecurity "baseline:v1.30": host namespaces (hostPID) (pod-security)');
    const enforced = await runCli(['--no-config', '--format', 'compact', '--pod-security', 'baseline', file]);
    expect(enforced.code).toBe(1);
    expect(enforced.stdout).toContain('pod.yaml: line 6, col 12, Error - violates PodSecurity "baseline:latest": host namespaces (hostPID) (pod-security)');
    const bad = await runCli(['--no-config', '--pod-security', 'audit=strict', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --pod-security audit=strict');
  });
});
