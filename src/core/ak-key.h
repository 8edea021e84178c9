/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-access-rule.h"
#include "ak-key-flags.h"

G_BEGIN_DECLS

typedef enum
{
  AK_KEY_KIND_EC2,
  AK_KEY_KIND_APPLICATION_CREDENTIAL,
} AkKeyKind;

#define AK_TYPE_KEY_KIND (ak_key_kind_get_type ())
GType ak_key_kind_get_type (void) G_GNUC_CONST;

#define AK_TYPE_KEY (ak_key_get_type ())

G_DECLARE_FINAL_TYPE (AkKey, ak_key, AK, KEY, GObject)

AkKey       *ak_key_new                 (AkKeyKind    kind,
                                         const char  *id);
const char  *ak_key_get_id              (AkKey       *self);
AkKeyKind    ak_key_get_kind            (AkKey       *self);
const char  *ak_key_get_kind_label      (AkKey       *self);
const char  *ak_key_get_user_id         (AkKey       *self);
void         ak_key_set_user_id         (AkKey       *self,
                                         const char  *user_id);
const char  *ak_key_get_user_name       (AkKey       *self);
void         ak_key_set_user_name       (AkKey       *self,
                                         const char  *user_name);
const char  *ak_key_get_owner           (AkKey       *self);
const char  *ak_key_get_project_id      (AkKey       *self);
void         ak_key_set_project_id      (AkKey       *self,
                                         const char  *project_id);
const char  *ak_key_get_project_name    (AkKey       *self);
void         ak_key_set_project_name    (AkKey       *self,
                                         const char  *project_name);
const char  *ak_key_get_project         (AkKey       *self);
const char  *ak_key_get_name            (AkKey       *self);
void         ak_key_set_name            (AkKey       *self,
                                         const char  *name);
const char  *ak_key_get_description     (AkKey       *self);
void         ak_key_set_description     (AkKey       *self,
                                         const char  *description);
char        *ak_key_prepare_search      (const char  *text);
gboolean     ak_key_matches_search      (AkKey       *self,
                                         const char  *prepared);
GDateTime   *ak_key_get_expires_at      (AkKey       *self);
void         ak_key_set_expires_at      (AkKey       *self,
                                         GDateTime   *expires_at);
gboolean     ak_key_get_unrestricted    (AkKey       *self);
void         ak_key_set_unrestricted    (AkKey       *self,
                                         gboolean     unrestricted);
const char * const *
             ak_key_get_roles           (AkKey       *self);
void         ak_key_set_roles           (AkKey       *self,
                                         const char * const *roles);
GPtrArray   *ak_key_get_access_rules    (AkKey       *self);
void         ak_key_set_access_rules    (AkKey       *self,
                                         GPtrArray   *access_rules);
AkKeyFlags   ak_key_get_flags           (AkKey       *self);
void         ak_key_set_flags           (AkKey       *self,
                                         AkKeyFlags   flags);
gboolean     ak_key_get_owner_disabled  (AkKey       *self);
void         ak_key_set_owner_disabled  (AkKey       *self,
                                         gboolean     owner_disabled);
gboolean     ak_key_get_owner_lacks_role (AkKey      *self);
void         ak_key_set_owner_lacks_role (AkKey      *self,
                                         gboolean     owner_lacks_role);
gboolean     ak_key_get_deleting        (AkKey       *self);
void         ak_key_set_deleting        (AkKey       *self,
                                         gboolean     deleting);
gboolean     ak_key_equal               (AkKey       *a,
                                         AkKey       *b);

G_END_DECLS
