import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { PayloadFormatInput } from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { invalidField } from '../http/problem';
import { pageLimit } from '../http/query-params';
import { PayloadFormatsService, PreviewRequest } from './payload-formats.service';

/** A format as the API shows it (no tenant id: it is the caller's). */
function formatView(format: {
  name: string;
  description: string | null;
  template: string;
  createdAt: Date;
  updatedAt: Date;
  subscriptions?: number;
}) {
  return {
    name: format.name,
    description: format.description,
    template: format.template,
    createdAt: format.createdAt,
    updatedAt: format.updatedAt,
    ...(format.subscriptions === undefined ? {} : { subscriptions: format.subscriptions }),
  };
}

/**
 * A tenant's named payload formats: a template defined once, previewed against a sample event,
 * used by subscriptions through `payloadFormatName`.
 */
@Controller('v1/payload-formats')
@UseGuards(TenantAuthGuard)
export class PayloadFormatsController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly formats: PayloadFormatsService,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@TenantId() tenantId: string, @Body() body: unknown) {
    const input = this.validator.body<
      Omit<PayloadFormatInput, 'description'> & {
        description?: string | null;
      }
    >('PayloadFormatCreate', body);
    return formatView(
      await this.formats.create(tenantId, { ...input, description: input.description ?? null }),
    );
  }

  /** An unsaved template against a sample event. */
  @Post('preview')
  @HttpCode(200)
  previewUnsaved(@TenantId() tenantId: string, @Body() body: unknown) {
    const request = this.validator.body<PreviewRequest>('PayloadFormatPreview', body ?? {});
    if (request.template === undefined) throw invalidField('template', 'is required');
    return this.formats.preview(tenantId, request.template, request);
  }

  @Get()
  async list(@TenantId() tenantId: string, @Query() query: Record<string, string | undefined>) {
    const page = await this.formats.list(tenantId, {
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
    return { items: page.items.map(formatView), nextCursor: page.nextCursor };
  }

  @Get(':name')
  async get(@TenantId() tenantId: string, @Param('name') name: string) {
    return formatView(await this.formats.get(tenantId, name));
  }

  @Patch(':name')
  async update(@TenantId() tenantId: string, @Param('name') name: string, @Body() body: unknown) {
    const patch = this.validator.body<Partial<Omit<PayloadFormatInput, 'name'>>>(
      'PayloadFormatPatch',
      body,
    );
    return formatView(await this.formats.update(tenantId, name, patch));
  }

  @Delete(':name')
  @HttpCode(204)
  delete(@TenantId() tenantId: string, @Param('name') name: string): Promise<void> {
    return this.formats.delete(tenantId, name);
  }

  /** A saved format against a sample event. */
  @Post(':name/preview')
  @HttpCode(200)
  async preview(@TenantId() tenantId: string, @Param('name') name: string, @Body() body: unknown) {
    const request = this.validator.body<PreviewRequest>('PayloadFormatPreview', body ?? {});
    if (request.template !== undefined) {
      throw invalidField('template', 'is only given to /v1/payload-formats/preview');
    }
    const format = await this.formats.get(tenantId, name);
    return this.formats.preview(tenantId, format.template, request);
  }
}
