/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What about a key deserves a person's attention before they keep or delete
 * it, worked out from what Keystone knows (Keystone has no "created" or
 * "last used" dates). A key with any flag "needs attention".
 *
 * EXPIRED: its expiry has passed. EXPIRES_SOON: it expires within the
 * number of days set in Preferences. UNUSABLE: an EC2 key whose owner no
 * longer has any role on its project. UNRESTRICTED: an application
 * credential that may create more credentials. OWNER_DISABLED: its owner's
 * account is turned off. TOO_MANY: its owner has more than two keys. */
typedef enum /*< flags >*/
{
  AK_KEY_FLAGS_NONE           = 0,
  AK_KEY_FLAGS_EXPIRED        = 1 << 0,
  AK_KEY_FLAGS_EXPIRES_SOON   = 1 << 1,
  AK_KEY_FLAGS_UNUSABLE       = 1 << 2,
  AK_KEY_FLAGS_UNRESTRICTED   = 1 << 3,
  AK_KEY_FLAGS_OWNER_DISABLED = 1 << 4,
  AK_KEY_FLAGS_TOO_MANY       = 1 << 5,
} AkKeyFlags;

/* Every flag, for loops over them. */
#define AK_KEY_FLAGS_ALL ((AkKeyFlags) ((1 << 6) - 1))

#define AK_TYPE_KEY_FLAGS (ak_key_flags_get_type ())
GType        ak_key_flags_get_type     (void) G_GNUC_CONST;

const char  *ak_key_flag_get_label     (AkKeyFlags flag);
const char  *ak_key_flag_get_sentence  (AkKeyFlags flag);
const char  *ak_key_flag_get_nick      (AkKeyFlags flag);

G_END_DECLS
