/** Composition root of the HTTP routes: every context's routes, registered in this order. */

import type { SessionService } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import type { TypedApp } from '../platform/http/types';
import { registerAccessModule } from './access/http/routes';
import { registerSpaceSignInRoutes } from './access/http/space-sign-in-routes';
import { registerPortfolioRoutes } from './accompaniment/http/portfolio-routes';
import { registerAccompanimentModule } from './accompaniment/http/routes';
import { registerAidsModule } from './aids/http/routes';
import { registerBeneficiariesModule } from './beneficiaries/http/routes';
import { registerHistoryModule } from './history/http/routes';
import { registerImmersionsModule } from './immersions/http/routes';
import { registerMessagingModule } from './messaging/http/routes';
import { registerOfferModule } from './offer/http/routes';
import { registerOrientationQueueRoutes } from './orientation/http/queue-routes';
import { registerOrientationModule } from './orientation/http/routes';
import { registerReferralsModule } from './referrals/http/routes';
import { registerSanctionsModule } from './sanctions/http/routes';
import { registerSpaceModule } from './space/http/routes';
import { registerSteeringModule } from './steering/http/routes';
import { registerTerritoryModule } from './territory/http/routes';
import { registerWorklistModule } from './worklist/http/routes';

export async function registerModuleRoutes(typed: TypedApp, ctx: AppContext, sessions: SessionService) {
  await registerAccessModule(typed, ctx, sessions);
  await registerSpaceSignInRoutes(typed, ctx, sessions);
  await registerSpaceModule(typed, ctx);
  await registerTerritoryModule(typed, ctx);
  await registerBeneficiariesModule(typed, ctx);
  await registerHistoryModule(typed, ctx);
  await registerAccompanimentModule(typed, ctx);
  await registerMessagingModule(typed, ctx);
  await registerOrientationModule(typed, ctx);
  await registerOrientationQueueRoutes(typed, ctx);
  await registerWorklistModule(typed, ctx);
  await registerPortfolioRoutes(typed, ctx);
  await registerOfferModule(typed, ctx);
  await registerReferralsModule(typed, ctx);
  await registerImmersionsModule(typed, ctx);
  await registerAidsModule(typed, ctx);
  await registerSanctionsModule(typed, ctx);
  await registerSteeringModule(typed, ctx);
}
