import { randomUUID } from 'crypto';
import { ErrorCode } from '../protocol/error-codes';
import { Group, GroupProtocol, GroupState, JoinResult, Member, SyncResult } from './group';
import { CommittedOffset, OffsetStore } from './offset-store';
import { realTimers, Timers } from './timers';

export interface JoinRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  clientId: string;
  clientHost: string;
  /** JoinGroup v4+: an empty member id is answered with MEMBER_ID_REQUIRED. */
  requireKnownMemberId: boolean;
}

export interface CoordinatorOptions {
  initialRebalanceDelayMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  timers?: Timers;
}

export interface GroupDescription {
  groupId: string;
  state: GroupState;
  protocolType: string;
  protocolName: string;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }[];
}

const EMPTY = Buffer.alloc(0);

/**
 * The group coordinator, after Kafka's GroupCoordinator: Empty → PreparingRebalance →
 * CompletingRebalance → Stable, generations, leader choice, session expiry, offsets.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly timers: Timers;

  constructor(
    private readonly options: CoordinatorOptions,
    readonly offsets: OffsetStore,
  ) {
    this.timers = options.timers ?? realTimers;
  }

  private group(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  private getOrCreate(groupId: string): Group {
    let g = this.groups.get(groupId);
    if (!g) this.groups.set(groupId, (g = new Group(groupId)));
    return g;
  }

  // ---- JoinGroup -------------------------------------------------------------------------

  joinGroup(req: JoinRequest): Promise<JoinResult> {
    const fail = (errorCode: number, memberId = req.memberId): Promise<JoinResult> =>
      Promise.resolve({
        errorCode,
        generationId: -1,
        protocolName: '',
        leader: '',
        memberId,
        members: [],
      });
    if (!req.groupId) return fail(ErrorCode.INVALID_GROUP_ID);
    if (
      req.sessionTimeoutMs < this.options.minSessionTimeoutMs ||
      req.sessionTimeoutMs > this.options.maxSessionTimeoutMs
    ) {
      return fail(ErrorCode.INVALID_SESSION_TIMEOUT);
    }
    const group = this.getOrCreate(req.groupId);
    if (!group.supports(req.protocolType, req.protocols))
      return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);

    if (req.memberId === '') {
      const memberId = `${req.clientId || 'member'}-${randomUUID()}`;
      if (req.requireKnownMemberId) {
        const timer = this.timers.set(() => {
          group.pendingMembers.delete(memberId);
          this.tryCompleteJoin(group);
        }, req.sessionTimeoutMs);
        group.pendingMembers.set(memberId, timer);
        return fail(ErrorCode.MEMBER_ID_REQUIRED, memberId);
      }
      return this.addMemberAndRebalance(group, memberId, req);
    }
    if (group.pendingMembers.has(req.memberId)) {
      this.timers.clear(group.pendingMembers.get(req.memberId));
      group.pendingMembers.delete(req.memberId);
      return this.addMemberAndRebalance(group, req.memberId, req);
    }
    const member = group.members.get(req.memberId);
    if (!member) return fail(ErrorCode.UNKNOWN_MEMBER_ID);

    const sameProtocols = this.sameProtocols(member, req.protocols);
    switch (group.state) {
      case 'PreparingRebalance':
        this.updateMember(member, req);
        return this.awaitJoin(group, member);
      case 'CompletingRebalance':
        if (sameProtocols) return Promise.resolve(this.joinResult(group, member));
        this.updateMember(member, req);
        this.prepareRebalance(group);
        return this.awaitJoin(group, member);
      case 'Stable':
        if (member.memberId === group.leaderId || !sameProtocols) {
          this.updateMember(member, req);
          this.prepareRebalance(group);
          return this.awaitJoin(group, member);
        }
        this.touch(group, member);
        return Promise.resolve(this.joinResult(group, member));
      default:
        return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  private sameProtocols(member: Member, protocols: readonly GroupProtocol[]): boolean {
    return (
      member.protocols.length === protocols.length &&
      member.protocols.every(
        (p, i) => p.name === protocols[i].name && p.metadata.equals(protocols[i].metadata),
      )
    );
  }

  private updateMember(member: Member, req: JoinRequest): void {
    member.protocols = req.protocols.map((p) => ({
      name: p.name,
      metadata: Buffer.from(p.metadata),
    }));
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  }

  private addMemberAndRebalance(
    group: Group,
    memberId: string,
    req: JoinRequest,
  ): Promise<JoinResult> {
    const member: Member = {
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      protocolType: req.protocolType,
      protocols: [],
      assignment: EMPTY,
    };
    this.updateMember(member, req);
    if (group.members.size === 0) group.protocolType = req.protocolType;
    group.members.set(memberId, member);
    if (group.leaderId === null) group.leaderId = memberId;
    if (group.state !== 'PreparingRebalance') this.prepareRebalance(group);
    return this.awaitJoin(group, member);
  }

  private awaitJoin(group: Group, member: Member): Promise<JoinResult> {
    return new Promise((resolve) => {
      member.awaitingJoin?.({ ...this.errorJoin(member, ErrorCode.REBALANCE_IN_PROGRESS) });
      member.awaitingJoin = resolve;
      if (member.sessionTimer !== undefined) this.timers.clear(member.sessionTimer);
      member.sessionTimer = undefined;
      this.tryCompleteJoin(group);
    });
  }

  private errorJoin(member: Member, errorCode: number): JoinResult {
    return {
      errorCode,
      generationId: -1,
      protocolName: '',
      leader: '',
      memberId: member.memberId,
      members: [],
    };
  }

  private joinResult(group: Group, member: Member): JoinResult {
    const isLeader = member.memberId === group.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolName: group.protocolName ?? '',
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...group.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: group.metadataFor(m),
          }))
        : [],
    };
  }

  private prepareRebalance(group: Group): void {
    if (group.state === 'CompletingRebalance') {
      for (const m of group.members.values()) {
        m.awaitingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
        m.awaitingSync = undefined;
      }
    }
    for (const m of group.members.values()) m.assignment = EMPTY;
    const wasEmpty = group.state === 'Empty';
    group.state = 'PreparingRebalance';
    if (group.joinTimer !== undefined) this.timers.clear(group.joinTimer);
    group.joinTimer = this.timers.set(
      () => this.completeJoin(group),
      Math.max(group.maxRebalanceTimeoutMs(), 1),
    );
    if (wasEmpty && this.options.initialRebalanceDelayMs > 0) {
      group.initialDelayTimer = this.timers.set(() => {
        group.initialDelayTimer = undefined;
        this.tryCompleteJoin(group);
      }, this.options.initialRebalanceDelayMs);
    }
    this.tryCompleteJoin(group);
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance' || group.initialDelayTimer !== undefined) return;
    if (group.allMembersJoined()) this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    if (group.joinTimer !== undefined) this.timers.clear(group.joinTimer);
    if (group.initialDelayTimer !== undefined) this.timers.clear(group.initialDelayTimer);
    group.joinTimer = group.initialDelayTimer = undefined;
    for (const m of [...group.members.values()]) if (!m.awaitingJoin) this.removeMember(group, m);
    for (const t of group.pendingMembers.values()) this.timers.clear(t);
    group.pendingMembers.clear();
    group.generationId += 1;
    if (group.members.size === 0) {
      group.state = 'Empty';
      group.protocolName = group.leaderId = null; // the protocol type stays, as in Kafka
      return;
    }
    group.protocolName = group.selectProtocol();
    if (group.leaderId === null || !group.members.has(group.leaderId)) {
      group.leaderId = group.members.keys().next().value ?? null;
    }
    group.state = 'CompletingRebalance';
    for (const m of group.members.values()) {
      const resolve = m.awaitingJoin;
      m.awaitingJoin = undefined;
      this.touch(group, m);
      resolve?.(this.joinResult(group, m));
    }
  }

  private removeMember(group: Group, member: Member): void {
    if (member.sessionTimer !== undefined) this.timers.clear(member.sessionTimer);
    group.members.delete(member.memberId);
    member.awaitingJoin?.(this.errorJoin(member, ErrorCode.UNKNOWN_MEMBER_ID));
    member.awaitingSync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    member.awaitingJoin = member.awaitingSync = undefined;
    if (group.leaderId === member.memberId)
      group.leaderId = group.members.keys().next().value ?? null;
  }

  /** Restarts a member's session timer (any valid request from it). */
  private touch(group: Group, member: Member): void {
    if (member.sessionTimer !== undefined) this.timers.clear(member.sessionTimer);
    member.sessionTimer = this.timers.set(
      () => this.expire(group, member),
      member.sessionTimeoutMs,
    );
  }

  private expire(group: Group, member: Member): void {
    if (group.members.get(member.memberId) !== member || member.awaitingJoin) return;
    this.removeMember(group, member);
    this.afterDeparture(group);
  }

  private afterDeparture(group: Group): void {
    if (group.state === 'Stable' || group.state === 'CompletingRebalance')
      this.prepareRebalance(group);
    else if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
  }

  // ---- SyncGroup / Heartbeat / LeaveGroup --------------------------------------------------

  syncGroup(
    groupId: string,
    generationId: number,
    memberId: string,
    assignments: { memberId: string; assignment: Buffer }[],
  ): Promise<SyncResult> {
    const fail = (errorCode: number): Promise<SyncResult> =>
      Promise.resolve({ errorCode, assignment: EMPTY });
    const group = this.group(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    if (generationId !== group.generationId) return fail(ErrorCode.ILLEGAL_GENERATION);
    switch (group.state) {
      case 'PreparingRebalance':
        return fail(ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
        this.touch(group, member);
        return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
      case 'CompletingRebalance':
        this.touch(group, member);
        return new Promise((resolve) => {
          member.awaitingSync = resolve;
          if (memberId !== group.leaderId) return;
          const given = new Map(assignments.map((a) => [a.memberId, a.assignment]));
          for (const m of group.members.values())
            m.assignment = Buffer.from(given.get(m.memberId) ?? EMPTY);
          group.state = 'Stable';
          for (const m of group.members.values()) {
            const done = m.awaitingSync;
            m.awaitingSync = undefined;
            done?.({ errorCode: ErrorCode.NONE, assignment: m.assignment });
          }
        });
      default:
        return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    const group = this.group(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.touch(group, member);
    return group.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  leaveGroup(
    groupId: string,
    memberIds: string[],
  ): { errorCode: number; members: { memberId: string; errorCode: number }[] } {
    const group = this.group(groupId);
    if (!group) {
      return {
        errorCode: ErrorCode.UNKNOWN_MEMBER_ID,
        members: memberIds.map((memberId) => ({
          memberId,
          errorCode: ErrorCode.UNKNOWN_MEMBER_ID,
        })),
      };
    }
    const members = memberIds.map((memberId) => {
      const m = group.members.get(memberId);
      if (!m) return { memberId, errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
      this.removeMember(group, m);
      return { memberId, errorCode: ErrorCode.NONE };
    });
    if (members.some((m) => m.errorCode === ErrorCode.NONE)) this.afterDeparture(group);
    const errorCode = memberIds.length === 1 ? members[0].errorCode : ErrorCode.NONE;
    return { errorCode, members };
  }

  // ---- Offsets ----------------------------------------------------------------------------

  /** Checks whether a commit is accepted; returns the error code for every partition. */
  commitOffsets(
    groupId: string,
    generationId: number,
    memberId: string,
    entries: { topic: string; partition: number; offset: number; metadata: string | null }[],
  ): number {
    const group = this.group(groupId);
    if (!group) {
      if (generationId >= 0) return ErrorCode.ILLEGAL_GENERATION;
      this.getOrCreate(groupId);
    } else if (!(generationId < 0 && group.state === 'Empty')) {
      if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
      const member = group.members.get(memberId);
      if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
      this.touch(group, member);
    }
    this.offsets.commit(groupId, entries);
    return ErrorCode.NONE;
  }

  fetchOffset(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(groupId, topic, partition);
  }

  // ---- Admin ------------------------------------------------------------------------------

  describe(groupId: string): GroupDescription {
    const group = this.group(groupId);
    if (!group) {
      const state = this.offsets.has(groupId) ? 'Empty' : 'Dead';
      return { groupId, state, protocolType: '', protocolName: '', members: [] };
    }
    return {
      groupId,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocolName: group.state === 'Stable' ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: group.metadataFor(m),
        assignment: m.assignment,
      })),
    };
  }

  list(): { groupId: string; protocolType: string }[] {
    const ids = new Set([...this.groups.keys(), ...this.offsets.groupIds()]);
    return [...ids].map((groupId) => ({
      groupId,
      protocolType: this.groups.get(groupId)?.protocolType ?? '',
    }));
  }

  deleteGroup(groupId: string): number {
    const group = this.group(groupId);
    if (!group && !this.offsets.has(groupId)) return ErrorCode.GROUP_ID_NOT_FOUND;
    if (group && group.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    this.groups.delete(groupId);
    this.offsets.deleteGroup(groupId);
    return ErrorCode.NONE;
  }

  /** Stops every timer and answers parked requests (broker shutdown). */
  close(): void {
    for (const group of this.groups.values()) {
      if (group.joinTimer !== undefined) this.timers.clear(group.joinTimer);
      if (group.initialDelayTimer !== undefined) this.timers.clear(group.initialDelayTimer);
      for (const t of group.pendingMembers.values()) this.timers.clear(t);
      for (const m of [...group.members.values()]) this.removeMember(group, m);
    }
    this.groups.clear();
  }
}
