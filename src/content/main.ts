// placeholder (background engineer): replaced by the content engineer
