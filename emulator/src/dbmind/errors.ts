/** A tool could not do its work (the database refused, a query failed): answered `工具执行异常` plus the reason. */
export class ToolError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'ToolError';
  }
}

/** The chosen model failed (network, status, malformed answer): answered `大模型服务异常`. */
export class ModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
  }
}

/** The fault-diagnosis knowledge (fault trees, advice) failed: answered `运维知识库异常`. */
export class KnowledgeBaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KnowledgeBaseError';
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
}

/**
 * A sentence about a PostgreSQL or socket error that is safe to show: node-postgres never puts the password in
 * its messages, and this keeps only the code and the server's text.
 */
export function describeDatabaseError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  switch (e.code) {
    case 'ECONNREFUSED':
      return '连接被拒绝，数据库服务未运行或端口未监听';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return '网络不可达或连接超时';
    case '28P01':
    case '28000':
      return '用户名或密码错误';
    case '3D000':
      return `数据库不存在（${e.message ?? ''}）`;
    case '53300':
      return '连接数已满（too many connections）';
    case '57P01':
    case '57P02':
    case '57P03':
      return `数据库正在关闭或启动中（${e.message ?? ''}）`;
    case '57014':
      return '查询超时被取消';
    case '55P03':
      return '等待锁超时';
    default:
      if (error instanceof Error && /timeout/i.test(error.message)) return '连接或查询超时';
      return e.message ? `${e.code ? `${e.code} ` : ''}${e.message}` : '未知错误';
  }
}
