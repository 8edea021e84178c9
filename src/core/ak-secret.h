/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AK_TYPE_SECRET (ak_secret_get_type ())

/* A secret held in memory only for as long as it is needed: a password, an
 * application-credential secret, or a new key's secret shown once. Its bytes
 * are overwritten with zeros when the last reference goes. */
typedef struct _AkSecret AkSecret;

GType        ak_secret_get_type (void) G_GNUC_CONST;
AkSecret    *ak_secret_new      (const char *value);
AkSecret    *ak_secret_new_len  (const char *value,
                                 gsize       len);
AkSecret    *ak_secret_ref      (AkSecret   *self);
void         ak_secret_unref    (AkSecret   *self);
const char  *ak_secret_get      (AkSecret   *self);
gsize        ak_secret_get_len  (AkSecret   *self);
void         ak_secret_wipe     (char       *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AkSecret, ak_secret_unref)

G_END_DECLS
