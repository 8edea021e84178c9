/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AK_AUTH_KIND_PASSWORD,
  AK_AUTH_KIND_APPLICATION_CREDENTIAL,
} AkAuthKind;

#define AK_TYPE_AUTH_KIND (ak_auth_kind_get_type ())
GType ak_auth_kind_get_type (void) G_GNUC_CONST;

#define AK_TYPE_ACCOUNT (ak_account_get_type ())

/* One cloud account: where to sign in and as whom. Never its password or
 * secret, which live in the keyring (AkAccountStore). */
G_DECLARE_FINAL_TYPE (AkAccount, ak_account, AK, ACCOUNT, GObject)

AkAccount   *ak_account_new                        (void);
AkAccount   *ak_account_copy                       (AkAccount   *self);
const char  *ak_account_get_id                     (AkAccount   *self);
const char  *ak_account_get_label                  (AkAccount   *self);
void         ak_account_set_label                  (AkAccount   *self,
                                                    const char  *label);
const char  *ak_account_get_display_label          (AkAccount   *self);
const char  *ak_account_get_auth_url               (AkAccount   *self);
void         ak_account_set_auth_url               (AkAccount   *self,
                                                    const char  *auth_url);
AkAuthKind   ak_account_get_auth_kind              (AkAccount   *self);
void         ak_account_set_auth_kind              (AkAccount   *self,
                                                    AkAuthKind   auth_kind);
const char  *ak_account_get_user_domain            (AkAccount   *self);
void         ak_account_set_user_domain            (AkAccount   *self,
                                                    const char  *user_domain);
const char  *ak_account_get_username               (AkAccount   *self);
void         ak_account_set_username               (AkAccount   *self,
                                                    const char  *username);
const char  *ak_account_get_project_domain         (AkAccount   *self);
void         ak_account_set_project_domain         (AkAccount   *self,
                                                    const char  *project_domain);
const char  *ak_account_get_project                (AkAccount   *self);
void         ak_account_set_project                (AkAccount   *self,
                                                    const char  *project);
const char  *ak_account_get_application_credential_id (AkAccount *self);
void         ak_account_set_application_credential_id (AkAccount  *self,
                                                       const char *id);
gboolean     ak_account_get_allow_unencrypted      (AkAccount   *self);
void         ak_account_set_allow_unencrypted      (AkAccount   *self,
                                                    gboolean     allow_unencrypted);
gboolean     ak_account_url_is_loopback            (const char  *url);
gboolean     ak_account_validate                   (AkAccount   *self,
                                                    GError     **error);

G_END_DECLS
