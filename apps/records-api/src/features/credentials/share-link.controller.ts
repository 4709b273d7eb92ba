import { Controller, Delete, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ShareLinkView } from '#contracts';
import type { IssuedAward } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { ShareLinkCommand } from './share-link.handlers.js';
import { credentialUrl } from './urls.js';

/** The learner's switch for showing their name on the public verification page of an award. */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/awards')
export class ShareLinkController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
  ) {}

  @Post(':id/share-link')
  @HttpCode(200)
  @Roles('learner')
  turnOn(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<ShareLinkView> {
    return this.switch(id, true, caller);
  }

  @Delete(':id/share-link')
  @HttpCode(200)
  @Roles('learner')
  turnOff(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<ShareLinkView> {
    return this.switch(id, false, caller);
  }

  private async switch(id: string, on: boolean, caller: CommandContext): Promise<ShareLinkView> {
    const { state } = await this.commands.execute(new ShareLinkCommand(id, on, caller));
    const link = (state as IssuedAward).shareLink;
    return link
      ? { url: `${credentialUrl(this.settings, id)}?share=${link.token}`, since: link.since }
      : { url: null, since: null };
  }
}
