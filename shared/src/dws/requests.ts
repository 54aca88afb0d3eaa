import { z } from 'zod/mini';
import { optionalField, requestObject, requiredField, ruleIssue } from './fields.ts';
import {
  checkAvailabilityZone,
  checkClusterId,
  checkClusterName,
  checkEipId,
  checkEnterpriseProjectId,
  checkKeepLastManualSnapshot,
  checkNewPassword,
  checkNodeType,
  checkNumberOfCn,
  checkNumberOfNode,
  checkPassword,
  checkPort,
  checkPublicBindType,
  checkScaleOutCount,
  checkSecurityGroupId,
  checkSnapshotDescription,
  checkSnapshotName,
  checkSubnetId,
  checkUserName,
  checkVpcId,
  type publicBindTypeValues,
} from './rules.ts';

/** PublicIp (seed tables 5-4, 5-66): `eip_id` only with `bind_existing`. */
export const publicIpRequestSchema = requestObject({
  public_bind_type: requiredField<(typeof publicBindTypeValues)[number]>(checkPublicBindType),
  eip_id: optionalField<string>((value) => checkEipId(value)),
}).check((ctx) => {
  const broken = checkEipId(ctx.value.eip_id, ctx.value.public_bind_type);
  if (broken) ctx.issues.push(ruleIssue(broken, ctx.value.eip_id, ['eip_id']));
});
export type PublicIpRequest = z.infer<typeof publicIpRequestSchema>;

/** A null `public_ip` reads as an absent one: the service's default. */
const nullishPublicIp = z.pipe(
  z.nullish(publicIpRequestSchema),
  z.transform((value: PublicIpRequest | null | undefined) => value ?? undefined),
);

/** CreateClusterInfo (seed table 5-3). */
export const createClusterInfoSchema = requestObject({
  name: requiredField<string>(checkClusterName),
  node_type: requiredField<string>(checkNodeType),
  number_of_node: requiredField<number>(checkNumberOfNode),
  subnet_id: requiredField<string>(checkSubnetId),
  security_group_id: requiredField<string>(checkSecurityGroupId),
  vpc_id: requiredField<string>(checkVpcId),
  availability_zone: optionalField<string>(checkAvailabilityZone),
  port: optionalField<number>(checkPort),
  user_name: requiredField<string>(checkUserName),
  user_pwd: requiredField<string>((value) => checkPassword(value)),
  public_ip: nullishPublicIp,
  number_of_cn: optionalField<number>((value) => checkNumberOfCn(value)),
  enterprise_project_id: optionalField<string>(checkEnterpriseProjectId),
}).check((ctx) => {
  const { number_of_cn, number_of_node, user_pwd, user_name } = ctx.value;
  const password = checkPassword(user_pwd, user_name);
  if (password) ctx.issues.push(ruleIssue(password, undefined, ['user_pwd']));
  if (number_of_cn !== undefined) {
    const cn = checkNumberOfCn(number_of_cn, number_of_node);
    if (cn) ctx.issues.push(ruleIssue(cn, number_of_cn, ['number_of_cn']));
  }
});
export type CreateClusterInfo = z.infer<typeof createClusterInfoSchema>;

/** `POST /v1.0/{project_id}/clusters` */
export const createClusterRequestSchema = requestObject({ cluster: createClusterInfoSchema });
export type CreateClusterRequest = z.infer<typeof createClusterRequestSchema>;

/** `DELETE /v1.0/{project_id}/clusters/{cluster_id}` (seed table 5-35): how many manual snapshots to keep. */
export const deleteClusterRequestSchema = requestObject({
  keep_last_manual_snapshot: requiredField<number>(checkKeepLastManualSnapshot),
});
export type DeleteClusterRequest = z.infer<typeof deleteClusterRequestSchema>;

/** `POST .../clusters/{cluster_id}/restart` with `{"restart":{}}` (seed table 5-38). */
export const restartClusterRequestSchema = requestObject({
  restart: requestObject({}),
});
export type RestartClusterRequest = z.infer<typeof restartClusterRequestSchema>;

/** `POST .../clusters/{cluster_id}/resize` with `{"scale_out":{"count"}}` (seed tables 5-41, 5-42). */
export const resizeClusterRequestSchema = requestObject({
  scale_out: requestObject({ count: requiredField<number>(checkScaleOutCount) }),
});
export type ResizeClusterRequest = z.infer<typeof resizeClusterRequestSchema>;

/**
 * `POST .../clusters/{cluster_id}/reset-password` (seed table 5-45). Comparing with the user name and the
 * previous passwords needs the cluster: `checkNewPassword(value, userName)` does the first part.
 */
export const resetPasswordRequestSchema = requestObject({
  new_password: requiredField<string>((value) => checkNewPassword(value)),
});
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** Snapshot (seed table 5-49). */
export const createSnapshotInfoSchema = requestObject({
  name: requiredField<string>(checkSnapshotName),
  cluster_id: requiredField<string>(checkClusterId),
  description: optionalField<string>(checkSnapshotDescription),
});
export type CreateSnapshotInfo = z.infer<typeof createSnapshotInfoSchema>;

/** `POST /v1.0/{project_id}/snapshots` */
export const createSnapshotRequestSchema = requestObject({ snapshot: createSnapshotInfoSchema });
export type CreateSnapshotRequest = z.infer<typeof createSnapshotRequestSchema>;

/** Restore (seed table 5-65): everything but the name defaults to the source cluster's. */
export const restoreInfoSchema = requestObject({
  name: requiredField<string>(checkClusterName),
  subnet_id: optionalField<string>(checkSubnetId),
  security_group_id: optionalField<string>(checkSecurityGroupId),
  vpc_id: optionalField<string>(checkVpcId),
  availability_zone: optionalField<string>(checkAvailabilityZone),
  port: optionalField<number>(checkPort),
  public_ip: nullishPublicIp,
  enterprise_project_id: optionalField<string>(checkEnterpriseProjectId),
});
export type RestoreInfo = z.infer<typeof restoreInfoSchema>;

/**
 * `POST /v1.0/{project_id}/snapshots/{snapshot_id}/actions`. The seed's example puts `enterprise_project_id`
 * beside `restore` rather than inside it: both places are accepted, the inner one wins.
 */
export const restoreSnapshotRequestSchema = requestObject({
  restore: restoreInfoSchema,
  enterprise_project_id: optionalField<string>(checkEnterpriseProjectId),
});
export type RestoreSnapshotRequest = z.infer<typeof restoreSnapshotRequestSchema>;
