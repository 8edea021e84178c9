/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-flags"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-key-flags.h"

G_DEFINE_FLAGS_TYPE (AkKeyFlags, ak_key_flags,
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_EXPIRES_SOON, "expires-soon"),
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_UNUSABLE, "unusable"),
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_UNRESTRICTED, "unrestricted"),
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_OWNER_DISABLED, "owner-disabled"),
  G_DEFINE_ENUM_VALUE (AK_KEY_FLAGS_TOO_MANY, "too-many"))

/**
 * ak_key_flag_get_label:
 * @flag: exactly one flag
 *
 * Returns: (transfer none): the flag in a word or two, translated, for the
 *   Status column and the filters
 */
const char *
ak_key_flag_get_label (AkKeyFlags flag)
{
  switch (flag)
    {
    case AK_KEY_FLAGS_EXPIRED:
      return C_("key status", "Expired");
    case AK_KEY_FLAGS_EXPIRES_SOON:
      return C_("key status", "Expires soon");
    case AK_KEY_FLAGS_UNUSABLE:
      return C_("key status", "Unusable");
    case AK_KEY_FLAGS_UNRESTRICTED:
      return C_("key status", "Unrestricted");
    case AK_KEY_FLAGS_OWNER_DISABLED:
      return C_("key status", "Owner disabled");
    case AK_KEY_FLAGS_TOO_MANY:
      return C_("key status", "Owner has many keys");
    case AK_KEY_FLAGS_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ak_key_flag_get_sentence:
 * @flag: exactly one flag
 *
 * Returns: (transfer none): what the flag means for the person deciding
 *   whether to keep the key, translated
 */
const char *
ak_key_flag_get_sentence (AkKeyFlags flag)
{
  switch (flag)
    {
    case AK_KEY_FLAGS_EXPIRED:
      return _("Its expiry date has passed, so nothing can sign in with it any more.");
    case AK_KEY_FLAGS_EXPIRES_SOON:
      return _("It will stop working soon. Replace it before programs that use it fail.");
    case AK_KEY_FLAGS_UNUSABLE:
      return _("Its owner no longer has a role in its project, so nothing can use it there.");
    case AK_KEY_FLAGS_UNRESTRICTED:
      return _("It can create more keys. Someone who has it could keep access "
               "after it is deleted.");
    case AK_KEY_FLAGS_OWNER_DISABLED:
      return _("Its owner’s account is turned off. It may belong to someone who has left.");
    case AK_KEY_FLAGS_TOO_MANY:
      return _("Its owner has more than two keys. One is usually enough, and a "
               "second while replacing it.");
    case AK_KEY_FLAGS_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ak_key_flag_get_nick:
 * @flag: exactly one flag
 *
 * Returns: (transfer none): the flag's stable name ("expired"), for
 *   GSettings and the CSV export; never translated
 */
const char *
ak_key_flag_get_nick (AkKeyFlags flag)
{
  GFlagsClass *klass = g_type_class_ref (AK_TYPE_KEY_FLAGS);
  GFlagsValue *value = g_flags_get_first_value (klass, flag);
  const char *nick = value != NULL && value->value == (guint) flag ? value->value_nick : NULL;

  g_type_class_unref (klass);
  g_return_val_if_fail (nick != NULL, NULL);

  return nick;
}
