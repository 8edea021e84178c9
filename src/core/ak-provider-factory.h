/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-account.h"
#include "ak-provider.h"
#include "ak-secret.h"

G_BEGIN_DECLS

/* Makes the provider for an account. The application installs the Keystone
 * one at startup and tests install their test double's, so that neither the
 * account session nor the UI knows which backend it talks to. @secret is the
 * account's password or application-credential secret, or %NULL where none
 * is needed (a test double). */
typedef AkProvider *(*AkProviderFactoryFunc) (AkAccount  *account,
                                              AkSecret   *secret,
                                              gpointer    user_data);

void        ak_provider_factory_install (AkProviderFactoryFunc   func,
                                         gpointer                user_data,
                                         GDestroyNotify          destroy);
gboolean    ak_provider_factory_is_installed (void);
AkProvider *ak_provider_factory_create  (AkAccount              *account,
                                         AkSecret               *secret,
                                         GError                **error);

G_END_DECLS
