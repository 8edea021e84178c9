/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-account.h"
#include "ak-provider.h"
#include "ak-secret.h"

G_BEGIN_DECLS

/* How a list of every user's keys is gathered. All give the same keys; they
 * differ only in speed, which depends on the server (see the .c file). */
typedef enum
{
  AK_KEYSTONE_ALL_USERS_PER_USER,
  AK_KEYSTONE_ALL_USERS_CREDENTIALS,
  AK_KEYSTONE_ALL_USERS_BOTH,
} AkKeystoneAllUsersStrategy;

#define AK_TYPE_KEYSTONE_ALL_USERS_STRATEGY (ak_keystone_all_users_strategy_get_type ())
GType ak_keystone_all_users_strategy_get_type (void) G_GNUC_CONST;

#define AK_TYPE_KEYSTONE_PROVIDER (ak_keystone_provider_get_type ())

G_DECLARE_FINAL_TYPE (AkKeystoneProvider, ak_keystone_provider, AK, KEYSTONE_PROVIDER, GObject)

AkProvider  *ak_keystone_provider_new                    (AkAccount                  *account,
                                                         AkSecret                   *secret);
AkAccount   *ak_keystone_provider_get_account            (AkKeystoneProvider         *self);
guint        ak_keystone_provider_get_timeout            (AkKeystoneProvider         *self);
void         ak_keystone_provider_set_timeout            (AkKeystoneProvider         *self,
                                                         guint                       timeout);
guint        ak_keystone_provider_get_deadline           (AkKeystoneProvider         *self);
void         ak_keystone_provider_set_deadline           (AkKeystoneProvider         *self,
                                                         guint                       deadline);
guint64      ak_keystone_provider_get_max_body_size      (AkKeystoneProvider         *self);
void         ak_keystone_provider_set_max_body_size      (AkKeystoneProvider         *self,
                                                         guint64                     size);
AkKeystoneAllUsersStrategy
             ak_keystone_provider_get_all_users_strategy (AkKeystoneProvider         *self);
void         ak_keystone_provider_set_all_users_strategy (AkKeystoneProvider         *self,
                                                         AkKeystoneAllUsersStrategy  strategy);
guint        ak_keystone_provider_get_sign_in_count      (AkKeystoneProvider         *self);

G_END_DECLS
